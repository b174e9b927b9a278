"""Queries over the gateway's tables. No commits here: callers own the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from gateway.security.crypto import keyring_of
from gateway.store.family_rows import MaterialRow
from gateway.store.models import CaseRow, CertificateRow, EndpointRow, ItemRow
from gateway.store.record_reads import ByCases, Reader
from gateway.store.records import CaseRecord, CertificateRecord, EventRecord, ItemRecord

# What a status read reads: records (gateway/store/records.py), by statements built once.
_CASES = ByCases.of(CaseRecord, key="id")
_ITEMS = ByCases.of(ItemRecord, order_by="kind")  # a stable order; the answer sorts them as Python does
_CERTIFICATES = ByCases.of(CertificateRecord, order_by="issued_at")
_EVENTS = ByCases.of(EventRecord, order_by="id")


async def case_by_id(session: AsyncSession, case_id: str, *, lock: bool = False) -> CaseRow | None:
    query = select(CaseRow).where(CaseRow.id == case_id)
    if lock and session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return (await session.scalars(query)).one_or_none()


async def lock_case(session: AsyncSession, case_id: str) -> CaseRow:
    """Load a case to change it; on PostgreSQL, hold its row so writers to one case take turns."""
    row = await case_by_id(session, case_id, lock=True)
    if row is None:
        raise LookupError(case_id)
    return row


async def cases_by_ids(session: Reader, ids: Sequence[str]) -> dict[str, CaseRecord]:
    return {case_id: rows[0] for case_id, rows in (await _CASES.read(session, ids)).items()}


async def case_by_reference(session: AsyncSession, reference: str) -> CaseRow | None:
    return (await session.scalars(select(CaseRow).where(CaseRow.reference == reference))).one_or_none()


async def case_by_idempotency_key(session: AsyncSession, key: str) -> CaseRow | None:
    return (await session.scalars(select(CaseRow).where(CaseRow.idempotency_key == key))).one_or_none()


def digest(session: AsyncSession, id_number: str) -> str:
    """Identity numbers are encrypted at rest: equality goes through their keyed digest."""
    return keyring_of(session.get_bind().dialect).digest(id_number)


async def items_of(session: AsyncSession, case_id: str) -> list[ItemRow]:
    return list(await session.scalars(select(ItemRow).where(ItemRow.case_id == case_id).order_by(ItemRow.kind)))


async def item_by_id(session: AsyncSession, item_id: str) -> ItemRow | None:
    return await session.get(ItemRow, item_id)


async def items_by_case_ids(session: Reader, ids: Sequence[str]) -> dict[str, list[ItemRecord]]:
    """Each case's items by kind as Python orders them: a database's collation may order them otherwise."""
    found = await _ITEMS.read(session, ids)
    return {case_id: sorted(rows, key=lambda r: r.kind) for case_id, rows in found.items()}


async def certificates_by_case_ids(session: Reader, ids: Sequence[str]) -> dict[str, list[CertificateRecord]]:
    return await _CERTIFICATES.read(session, ids)


async def certificates_of(session: AsyncSession, case_id: str) -> list[CertificateRecord]:
    return (await certificates_by_case_ids(session, [case_id])).get(case_id, [])


async def certificates_by_number(session: AsyncSession, number: str) -> list[CertificateRow]:
    """One certificate may be held by several cases of the same person (a withdrawn one, a later one)."""
    query = select(CertificateRow).where(CertificateRow.number == number).order_by(CertificateRow.issued_at)
    return list(await session.scalars(query.limit(20)))


async def events_by_case_ids(session: Reader, ids: Sequence[str]) -> dict[str, list[EventRecord]]:
    return await _EVENTS.read(session, ids)


async def page_of_cases(
    session: AsyncSession,
    query: Select[CaseRow],
    first: int,
    after: tuple[datetime, int] | None,
    oldest_first: bool = False,
) -> tuple[list[CaseRow], int, bool]:
    """Newest first (or oldest first: a clerk's queue); the cursor is (submitted_at, seq) of the last row seen."""
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    at_col, seq_col = CaseRow.submitted_at, CaseRow.seq
    if after is not None:
        at, seq = after
        if oldest_first:
            query = query.where((at_col > at) | ((at_col == at) & (seq_col > seq)))
        else:
            query = query.where((at_col < at) | ((at_col == at) & (seq_col < seq)))
    order = (at_col.asc(), seq_col.asc()) if oldest_first else (at_col.desc(), seq_col.desc())
    rows = list(await session.scalars(query.order_by(*order).limit(first + 1)))
    return rows[:first], total, len(rows) > first


async def endpoints(session: AsyncSession) -> list[EndpointRow]:
    return list(await session.scalars(select(EndpointRow).order_by(EndpointRow.agency, EndpointRow.id)))


async def materials_by_case_ids(session: AsyncSession, case_ids: Sequence[str]) -> dict[str, list[MaterialRow]]:
    """Their descriptions only: the sealed bytes stay in the database until an agency is sent them."""
    query = (
        select(MaterialRow)
        .options(defer(MaterialRow.content, raiseload=True))
        .where(MaterialRow.case_id.in_(case_ids))
        .order_by(MaterialRow.kind)
    )
    found: dict[str, list[MaterialRow]] = {}
    for row in await session.scalars(query):
        found.setdefault(row.case_id, []).append(row)
    return found


async def materials_with_content(session: AsyncSession, case_id: str) -> list[MaterialRow]:
    query = select(MaterialRow).where(MaterialRow.case_id == case_id).order_by(MaterialRow.kind)
    return list(await session.scalars(query))


async def remove_material(session: AsyncSession, case_id: str, kind: str) -> bool:
    """The case's paper of this kind gone (a newer one replaces it); whether there was one."""
    result = await session.execute(delete(MaterialRow).where(MaterialRow.case_id == case_id, MaterialRow.kind == kind))
    return bool(getattr(result, "rowcount", 0))
