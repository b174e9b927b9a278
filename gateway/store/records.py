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

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, Self, TypeVar

from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

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


@dataclass(frozen=True)
class ByCases(Generic[R]):
    """A record's rows of some cases, in SELECTs built once: a read only binds its ids. One case (a
    status read) binds `case_id = ?`, since an expanding IN is rendered anew on every execution."""

    record: type[R]
    one: Select[Any]
    many: Select[Any]

    @classmethod
    def of(cls, record: type[R], order_by: str | None = None) -> ByCases[R]:
        table = RECORD_OF[record].__table__
        query = select(*(table.c[f.name] for f in fields(record)))  # type: ignore[arg-type]
        if order_by:
            query = query.order_by(table.c[order_by])
        one = query.where(table.c.case_id == bindparam("id"))
        return cls(record, one, query.where(table.c.case_id.in_(bindparam("ids", expanding=True))))

    async def read(self, reader: AsyncSession | AsyncConnection, ids: Sequence[str]) -> dict[str, list[R]]:
        if len(ids) == 1:
            rows = await reader.execute(self.one, {"id": ids[0]})
        else:
            rows = await reader.execute(self.many, {"ids": list(ids)})
        grouped: dict[str, list[R]] = defaultdict(list)
        for row in rows:
            grouped[row.case_id].append(self.record(*row))
        return grouped
