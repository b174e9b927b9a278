"""What a family and its community add around a case: the papers it brings, a committee's report
of a death at home, and the family's rating once the case is done. The case's own tables, and the
work the gateway does for it, are in gateway/store/models.py."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, Date, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from gateway.security.crypto import Encrypted, EncryptedBytes, keyring_of
from gateway.store.models import Base


class MaterialRow(Base):
    """One paper the family uploaded for a case; a newer one of the same kind replaces it."""

    __tablename__ = "materials"
    __table_args__ = (UniqueConstraint("case_id", "kind", name="uq_materials_case_kind"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    content_type: Mapped[str] = mapped_column(String(40))  # as its bytes prove it, never as declared
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))  # of the plain bytes: what the agency can check
    content: Mapped[bytes] = mapped_column(EncryptedBytes)  # identity papers: sealed like personal data
    uploaded_by: Mapped[str] = mapped_column(String(80))  # never an identity number: applicants by digest
    uploaded_at: Mapped[datetime]


class HomeDeathReportRow(Base):
    """A death outside a hospital, as a village or residents' committee reported it (plan 二)."""

    __tablename__ = "home_death_reports"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    region_code: Mapped[str] = mapped_column(String(6), index=True)  # where the deceased lived
    deceased_name: Mapped[str] = mapped_column(String(64))
    deceased_id_number: Mapped[str] = mapped_column(Encrypted)
    deceased_id_digest: Mapped[str] = mapped_column(String(64), index=True)
    death_date: Mapped[date] = mapped_column(Date)
    death_place: Mapped[str] = mapped_column(String(200))
    committee_name: Mapped[str] = mapped_column(String(100))
    contact_name: Mapped[str] = mapped_column(String(64))
    contact_id_number: Mapped[str] = mapped_column(Encrypted)
    contact_id_digest: Mapped[str] = mapped_column(String(64), index=True)  # the family contact reads it
    contact_phone: Mapped[str] = mapped_column(Encrypted)
    reported_by: Mapped[str] = mapped_column(String(64))
    reported_at: Mapped[datetime]
    confirmed_by: Mapped[str | None] = mapped_column(String(64))
    confirmed_at: Mapped[datetime | None]
    confirmation_note: Mapped[str | None] = mapped_column(Text)
    # Closed unconfirmed (WITHDRAWN by its committee, DECLINED by the health centre): who, when, why.
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[datetime | None]
    close_reason: Mapped[str | None] = mapped_column(Text)


class RatingRow(Base):
    """好差评: the applicant's one rating of a finished case. Who rated is the case's applicant; the
    row names the case and nobody else, and the case is shown beside it to admins alone."""

    __tablename__ = "ratings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), unique=True)  # one rating per case
    # The case's region (as the clerks are scoped) when rated: a clerk's list and the statistics
    # filter on it without joining every rating to its case.
    region_code: Mapped[str] = mapped_column(String(6), index=True)
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Encrypted)  # free text a family wrote: personal data
    rated_at: Mapped[datetime] = mapped_column(index=True)


class AgencyScoreRow(Base):
    """One agency's score within a rating; the agency reads these and nothing else of the rating."""

    __tablename__ = "rating_agency_scores"
    __table_args__ = (UniqueConstraint("rating_id", "agency", name="uq_rating_agency_scores_rating_agency"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rating_id: Mapped[str] = mapped_column(ForeignKey("ratings.id"))
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    agency: Mapped[str] = mapped_column(String(40), index=True)
    score: Mapped[int] = mapped_column(Integer)


@event.listens_for(HomeDeathReportRow, "before_insert")
@event.listens_for(HomeDeathReportRow, "before_update")
def _digest_report_identities(
    _mapper: Mapper[HomeDeathReportRow], connection: Connection, row: HomeDeathReportRow
) -> None:
    keyring = keyring_of(connection.dialect)
    row.deceased_id_digest = keyring.digest(row.deceased_id_number)
    row.contact_id_digest = keyring.digest(row.contact_id_number)
