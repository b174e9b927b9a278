"""What a status read shows of a case's items, certificates and timeline: frozen records read with
plain SELECTs, not ORM objects.

A finished case is about 75 rows (23 items, 3 certificates, a 40-entry timeline), and a first read
after each change reads them all. Made into ORM objects they cost a third of that read (issue #13):
an identity-map entry, an instance state and change tracking each, none of which a read needs.
Writes keep the ORM rows (`models.py`); `of()` turns one into its record where a write's answer is
shown. Each record's fields are its table's columns, in order (checked in
tests/store/test_records.py), so a row unpacks into it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Self, TypeVar

from sqlalchemy import Select, bindparam, select

from gateway.store.models import Base, CertificateRow, EventRow, ItemRow


@dataclass(frozen=True, slots=True)
class ItemRecord:
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


@dataclass(frozen=True, slots=True)
class CertificateRecord:
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


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: int
    case_id: str
    at: datetime
    actor: str
    type: str
    message: str
    item_kind: str | None


RECORD_OF: dict[type[Any], type[Base]] = {ItemRecord: ItemRow, CertificateRecord: CertificateRow, EventRecord: EventRow}


R = TypeVar("R")


def _copied(cls: type[R], row: Base) -> R:
    return cls(*(getattr(row, f.name) for f in fields(cls)))  # type: ignore[arg-type]


def by_case_ids(record: type[Any], order_by: str | None = None) -> Select[Any]:
    """SELECT a record's columns of the rows of the cases named by the expanding parameter `ids`:
    built once, so each read only binds its ids."""
    table = RECORD_OF[record].__table__
    columns = [table.c[f.name] for f in fields(record)]
    query = select(*columns).where(table.c.case_id.in_(bindparam("ids", expanding=True)))
    return query.order_by(table.c[order_by]) if order_by else query
