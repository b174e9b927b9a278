"""Status reads: always from the gateway's own database, batched, and only what the caller may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, false, or_, select

from adapters.kinds import Agency
from gateway.clock import CHINA
from gateway.domain.deadlines import overdue_rule
from gateway.domain.status import REACHED_AGENCY, ItemStatus
from gateway.security.crypto import Keyring
from gateway.security.policy import may_see, own_agency, visible_cases
from gateway.security.tokens import Principal, Role
from gateway.store import queries
from gateway.store.case_documents import CaseDocument
from gateway.store.db import Database
from gateway.store.family_rows import MaterialRow
from gateway.store.models import CaseRow, CertificateRow, ItemRow
from gateway.store.record_reads import Reader
from gateway.store.records import CaseRecord, CertificateRecord, ItemRecord


@dataclass(frozen=True)
class CaseFilter:
    statuses: tuple[str, ...] = ()
    agency: Agency | None = None
    reference: str | None = None
    region_code: str | None = None  # a division code or its prefix (2, 4 or 6 digits)
    oldest_first: bool = False
    submitted_from: date | None = None
    submitted_to: date | None = None
    overdue_only: bool = False
    today: date | None = None


async def cases(
    db: Database, ids: Sequence[str], on_document: Callable[[CaseDocument], None] | None = None
) -> list[CaseRecord | None]:
    """One case is read as its document where it has a current one (gateway/store/case_documents.py):
    `on_document` is given the rest of it (items, certificates, timeline), which then costs no read."""
    if len(ids) == 1 and (document := await db.documents.read(ids[0])) is not None:
        if on_document is not None:
            on_document(document)
        return [document.case]
    async with db.record_reader() as reader:
        found = await queries.cases_by_ids(reader, ids)
    return [found.get(i) for i in ids]


# The parts of a case a request may ask for besides the case itself, by name.
PARTS: dict[str, Callable[[Reader, Sequence[str]], Awaitable[Mapping[str, list[Any]]]]] = {
    "items": queries.items_by_case_ids,
    "certificates": queries.certificates_by_case_ids,
    "events": queries.events_by_case_ids,
}


async def contents(db: Database, keys: Sequence[tuple[str, str]]) -> list[list[Any]]:
    """The parts (items, certificates, timeline) a request asks of its cases in one turn, each
    (part, case id), read on one connection (on SQLite none: `Database.record_reader`). A case read
    by its document has them already (`cases`); these are the parts of a page of cases, or of a
    case without a current document."""
    wanted: dict[str, list[str]] = defaultdict(list)
    for part, case_id in keys:
        wanted[part].append(case_id)
    async with db.record_reader() as reader:
        found = {part: await PARTS[part](reader, case_ids) for part, case_ids in wanted.items()}
    return [found[part].get(case_id, []) for part, case_id in keys]


async def materials(db: Database, case_ids: Sequence[str]) -> list[list[MaterialRow]]:
    async with db.reading() as session:
        found = await queries.materials_by_case_ids(session, case_ids)
    return [found.get(i, []) for i in case_ids]


async def agencies_reached(db: Database, case_id: str) -> frozenset[Agency]:
    query = select(ItemRow.agency).where(ItemRow.case_id == case_id, ItemRow.status.in_(REACHED_AGENCY)).distinct()
    async with db.reading() as session:
        return frozenset(Agency(a) for a in await session.scalars(query))


async def visible(db: Database, principal: Principal | None, case: CaseRecord | None) -> CaseRecord | None:
    if case is None or principal is None:
        return None
    reached = await agencies_reached(db, case.id) if principal.role == Role.AGENCY else frozenset()
    return case if may_see(principal, case, reached) else None


async def case_by_reference(db: Database, principal: Principal | None, reference: str) -> CaseRecord | None:
    async with db.reading() as session:
        case = await queries.case_by_reference(session, reference)
    return await visible(db, principal, CaseRecord.of(case) if case else None)


def _filtered(principal: Principal, keyring: Keyring, f: CaseFilter) -> Select[CaseRow]:
    query = select(CaseRow).where(visible_cases(principal, keyring))
    own = own_agency(principal)
    if own is not None and f.agency not in (None, own):
        # Filtering by another agency would tell an agency what the others hold on a case.
        return query.where(false())
    if f.statuses:
        query = query.where(CaseRow.status.in_(f.statuses))
    if f.reference:
        query = query.where(CaseRow.reference == f.reference)
    if f.region_code:
        query = query.where(CaseRow.region_code.startswith(f.region_code, autoescape=True))
    if f.submitted_from:
        query = query.where(CaseRow.submitted_at >= datetime.combine(f.submitted_from, time(), CHINA))
    if f.submitted_to:
        query = query.where(CaseRow.submitted_at < datetime.combine(f.submitted_to + timedelta(days=1), time(), CHINA))
    item = select(ItemRow.id).where(ItemRow.case_id == CaseRow.id)
    if f.agency:
        applies: ColumnElement[bool] = ItemRow.status != ItemStatus.NOT_APPLICABLE
        if principal.role == Role.APPLICANT:  # unverified: every item shows as waiting (cases/unverified.py)
            applies = or_(applies, CaseRow.relationship_verified.is_(False))
        query = query.where(exists(item.where(ItemRow.agency == f.agency.value, applies)))
    if f.overdue_only and f.today:
        rule = overdue_rule(f.today)
        late = item.where(ItemRow.deadline < rule.before, ItemRow.status.in_(rule.statuses))
        if own is not None:
            late = late.where(ItemRow.agency == own.value)
        query = query.where(exists(late))
    return query


async def page(
    db: Database, principal: Principal, f: CaseFilter, first: int, after: tuple[datetime, int] | None
) -> tuple[list[CaseRecord], int, bool]:
    async with db.reading() as session:
        query = _filtered(principal, db.keyring, f)
        rows, total, more = await queries.page_of_cases(session, query, first, after, f.oldest_first)
    return [CaseRecord.of(r) for r in rows], total, more


async def certificates_numbered(db: Database, number: str) -> list[CertificateRecord]:
    async with db.reading() as session:
        return [CertificateRecord.of(r) for r in await queries.certificates_by_number(session, number)]


async def item(db: Database, item_id: str) -> ItemRecord | None:
    async with db.reading() as session:
        row = await queries.item_by_id(session, item_id)
    return ItemRecord.of(row) if row is not None else None


async def certificate_by_id(db: Database, certificate_id: str) -> CertificateRecord | None:
    async with db.reading() as session:
        row = await session.get(CertificateRow, certificate_id)
    return CertificateRecord.of(row) if row is not None else None
