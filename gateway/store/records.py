"""What a status read shows of a case, its items, certificates and timeline: immutable records
read with plain SELECTs, not ORM objects.

A finished case is about 75 rows (23 items, 3 certificates, a 40-entry timeline), and a first read
after each change reads them all. Made into ORM objects they cost a third of that read (issue #13):
an identity-map entry, an instance state and change tracking each, none of which a read needs.
Writes keep the ORM rows (`models.py`); `of()` turns one into its record where a write's answer is
shown, and the rules that read a case either way take `AnyCase`.

Each record's fields are its table's columns, in order (checked in tests/store/test_records.py),
so a row becomes its record in one step (`record_reads.py`). Named tuples, not frozen dataclasses:
a frozen dataclass sets each field through `object.__setattr__`, 19 calls for an item, and making
the 67 records of a finished case cost a twentieth of its cold read.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple, Self, TypeVar

from gateway.store.models import Base, CaseRow, CertificateRow, EventRow, ItemRow


class CaseRecord(NamedTuple):
    """A case as read, personal data decrypted as the ORM row would hold it (see `models.CaseRow`)."""

    seq: int
    id: str
    reference: str | None
    status: str
    channel: str
    version: int
    submitted_at: datetime
    updated_at: datetime
    submitted_by: str
    submitter_role: str
    idempotency_key: str | None
    request_fingerprint: str
    region_code: str
    registered_region_code: str | None
    relationship_verified: bool
    relationship_on_register: bool
    applicant_id_number: str
    applicant_id_digest: str
    deceased_name: str
    deceased_id_number: str
    deceased_id_digest: str
    deceased_gender: str | None
    death_date: date
    death_place: str
    death_type: str
    died_in_medical_institution: bool
    disposal: str
    incident_region_code: str | None
    applicant_name: str
    applicant_phone: str
    relationship: str
    payout_bank_name: str | None
    payout_account_name: str | None
    payout_account_number: str | None
    optional_items: list[str] | None
    facts: list[str] | None
    unknown_agencies: list[str] | None
    review_note: str | None
    prepare_attempts: int
    notices_enabled: bool
    contact_name: str | None
    contact_phone: str | None
    home_death_report_id: str | None
    home_death_confirmed: bool
    requested_materials: list[str] | None

    @classmethod
    def of(cls, row: CaseRow) -> Self:
        return _copied(cls, row)


AnyCase = CaseRow | CaseRecord  # as a write holds it, or as a read shows it: the rules read both alike


class ItemRecord(NamedTuple):
    id: str
    case_id: str
    kind: str
    agency: str
    status: str
    generation: int
    agency_reference: str | None
    dispatched_at: datetime | None
    deadline: date | None
    deadline_estimated: bool
    attempts: int
    last_error: str | None
    rejection_reason: str | None
    result_summary: str | None
    result_amount: Decimal | None
    result_deduction: Decimal | None
    result_effective_date: date | None
    result_data: dict[str, Any] | None
    updated_at: datetime

    @classmethod
    def of(cls, row: ItemRow) -> Self:
        return _copied(cls, row)


class CertificateRecord(NamedTuple):
    id: str
    case_id: str
    item_id: str
    kind: str
    number: str
    issuer: str
    issued_at: datetime
    holder_name: str
    verification_code: str

    @classmethod
    def of(cls, row: CertificateRow) -> Self:
        return _copied(cls, row)


class EventRecord(NamedTuple):
    id: int
    case_id: str
    at: datetime
    actor: str
    type: str
    message: str
    item_kind: str | None


RECORD_OF: dict[type[Any], type[Base]] = {
    CaseRecord: CaseRow,
    ItemRecord: ItemRow,
    CertificateRecord: CertificateRow,
    EventRecord: EventRow,
}


R = TypeVar("R")


def _copied(cls: type[R], row: Base) -> R:
    return cls(*(getattr(row, name) for name in cls._fields))  # type: ignore[attr-defined]
