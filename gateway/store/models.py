"""The gateway's own tables. Rows are not GraphQL types: `schema/` translates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship

from gateway.security.crypto import Encrypted, keyring_of
from gateway.store.columns import Money, UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        Decimal: Money,
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class CaseRow(Base):
    __tablename__ = "cases"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    reference: Mapped[str | None] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(24), index=True)
    channel: Mapped[str] = mapped_column(String(8))
    version: Mapped[int] = mapped_column(Integer, default=1)
    submitted_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime]
    submitted_by: Mapped[str] = mapped_column(String(64))
    submitter_role: Mapped[str] = mapped_column(String(16))
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    region_code: Mapped[str] = mapped_column(String(6), index=True)  # as the form declared it
    # As the police register gives it, once it has answered: this, not the form, decides the clerks.
    registered_region_code: Mapped[str | None] = mapped_column(String(6))
    # The register lists the applicant as a near relative, or a clerk approved after checking papers.
    relationship_verified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The register itself showed it (data sharing): only then is no proof of it asked of the family.
    relationship_on_register: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Personal data is encrypted at rest; look-ups go through keyed digests (gateway/security/crypto.py).
    applicant_id_number: Mapped[str] = mapped_column(Encrypted)
    applicant_id_digest: Mapped[str] = mapped_column(String(64), index=True)

    deceased_name: Mapped[str] = mapped_column(String(64))
    deceased_id_number: Mapped[str] = mapped_column(Encrypted)
    deceased_id_digest: Mapped[str] = mapped_column(String(64), index=True)
    deceased_gender: Mapped[str | None] = mapped_column(String(4))
    death_date: Mapped[date] = mapped_column(Date)
    death_place: Mapped[str] = mapped_column(String(200))
    death_type: Mapped[str] = mapped_column(String(10))
    died_in_medical_institution: Mapped[bool] = mapped_column(Boolean)
    disposal: Mapped[str] = mapped_column(String(10))
    incident_region_code: Mapped[str | None] = mapped_column(String(6))

    applicant_name: Mapped[str] = mapped_column(String(64))
    applicant_phone: Mapped[str] = mapped_column(Encrypted)
    relationship: Mapped[str] = mapped_column(String(20))
    payout_bank_name: Mapped[str | None] = mapped_column(String(100))
    payout_account_name: Mapped[str | None] = mapped_column(Encrypted)
    payout_account_number: Mapped[str | None] = mapped_column(Encrypted)
    optional_items: Mapped[list[str] | None]
    facts: Mapped[list[str] | None]
    unknown_agencies: Mapped[list[str] | None]
    review_note: Mapped[str | None] = mapped_column(Text)
    prepare_attempts: Mapped[int] = mapped_column(Integer, default=0)
    # SMS notices at each milestone (gateway/dispatch/notices.py): to the applicant and, if given, a
    # second contact; the family may turn them off.
    notices_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    contact_name: Mapped[str | None] = mapped_column(String(64))
    contact_phone: Mapped[str | None] = mapped_column(Encrypted)
    # A death at home the committee reported (plan 二): the medical death certificate waits for the
    # health centre's confirmation, copied here so releasing items needs no second table.
    home_death_report_id: Mapped[str | None] = mapped_column(String(36), index=True)
    home_death_confirmed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Conditional papers a clerk asked for when returning the case (MaterialKind values): needed from then on.
    requested_materials: Mapped[list[str] | None]


class ItemRow(Base):
    __tablename__ = "case_items"
    __table_args__ = (
        UniqueConstraint("case_id", "kind"),
        # The supervisors' statistics read every item of the cases in a range: with this index they
        # read it alone, not the table (0010).
        Index("ix_case_items_statistics", "case_id", "agency", "status", "deadline", "updated_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(48))
    agency: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    generation: Mapped[int] = mapped_column(Integer, default=0)
    agency_reference: Mapped[str | None] = mapped_column(String(80))
    dispatched_at: Mapped[datetime | None]
    deadline: Mapped[date | None] = mapped_column(Date)
    deadline_estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    result_summary: Mapped[str | None] = mapped_column(Text)
    result_amount: Mapped[Decimal | None]
    result_deduction: Mapped[Decimal | None]
    result_effective_date: Mapped[date | None] = mapped_column(Date)
    result_data: Mapped[dict[str, Any] | None]
    updated_at: Mapped[datetime]


class CertificateRow(Base):
    """A certificate as issued to one case. The same death certificate may serve a later case for the
    same person (after the first was withdrawn), so a number is unique per case, not overall."""

    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("case_id", "number", name="uq_certificates_case_number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("case_items.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(80), index=True)
    issuer: Mapped[str] = mapped_column(String(120))
    issued_at: Mapped[datetime]
    holder_name: Mapped[str] = mapped_column(String(64))
    verification_code: Mapped[str] = mapped_column(String(64))


class EventRow(Base):
    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    item_kind: Mapped[str | None] = mapped_column(String(48))


class CaseDocumentRow(Base):
    """A case with its items, certificates and timeline as one sealed value, rewritten in the
    transaction of every change to them: a status read's one primary-key SELECT (case_documents.py)."""

    __tablename__ = "case_documents"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)  # the case's, when it was written: an older one is not read
    body: Mapped[bytes] = mapped_column(LargeBinary)  # sealed and bound to the case and version (Keyring.seal_bound)


class JobRow(Base):
    """The transactional outbox: a job is deleted only in the transaction that records its outcome."""

    __tablename__ = "dispatch_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    action: Mapped[str] = mapped_column(String(16))
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    item_id: Mapped[str | None] = mapped_column(ForeignKey("case_items.id"))
    due_at: Mapped[datetime] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    forced: Mapped[bool] = mapped_column(Boolean, default=False)  # staff asked to send now
    leased_until: Mapped[datetime | None]
    lease_owner: Mapped[str | None] = mapped_column(String(36))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    trace_parent: Mapped[str | None] = mapped_column(String(55))  # W3C traceparent, 55 characters in version 00
    notice_id: Mapped[str | None] = mapped_column(ForeignKey("notices.id"))  # a NOTICE job's notice
    # Only so that one flush inserts a notice before its job (the foreign key); never loaded.
    notice: Mapped[NoticeRow | None] = relationship(lazy="raise")


class NoticeRow(Base):
    """One SMS to one recipient about one milestone; its id is the SMS gateway's idempotency key.
    The text is kept as sent (it holds no full number); the phone is read from the case on sending."""

    __tablename__ = "notices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    milestone: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(16))  # APPLICANT | CONTACT
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # PENDING | SENT | FAILED (refused) | CANCELLED
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    message_id: Mapped[str | None] = mapped_column(String(80))  # the SMS gateway's
    last_error: Mapped[str | None] = mapped_column(Text)


class EndpointRow(Base):
    __tablename__ = "agency_endpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(40), index=True)
    base_url: Mapped[str] = mapped_column(String(300))
    item_kinds: Mapped[list[str]]
    registered_at: Mapped[datetime]
    registered_by: Mapped[str] = mapped_column(String(64))
    healthy: Mapped[bool] = mapped_column(Boolean, default=True)
    checked_at: Mapped[datetime | None]
    enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())  # False: kept, not routed


class AccessLogRow(Base):
    """Who read or changed which case, when, through which operation (kept apart from the timeline,
    which the family reads: reads are not events of the case)."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    case_id: Mapped[str] = mapped_column(String(36), index=True)  # no foreign key: outlives nothing, blocks nothing
    actor: Mapped[str] = mapped_column(String(80))  # never an identity number: applicants by digest
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(8))  # READ | CHANGE
    operation: Mapped[str] = mapped_column(String(200))
    request_id: Mapped[str] = mapped_column(String(64))


@event.listens_for(CaseRow, "before_insert")
@event.listens_for(CaseRow, "before_update")
def _digest_identities(_mapper: Mapper[CaseRow], connection: Connection, case: CaseRow) -> None:
    # Digests follow the identity numbers on every write, so no caller can leave them stale.
    keyring = keyring_of(connection.dialect)
    case.applicant_id_digest = keyring.digest(case.applicant_id_number)
    case.deceased_id_digest = keyring.digest(case.deceased_id_number)
