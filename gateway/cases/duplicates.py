"""One application per deceased may go ahead: which existing case stands in the way of another.

A case stands in the way once its applicant's relationship is verified (by the police register or a
clerk's approval), or when the same applicant applies again. An unverified case never blocks: a
stranger naming someone's identity number must not lock the registered family out. Two unverified
cases may both wait; whichever is verified first goes ahead, and the other is held for a clerk
(gateway/dispatch/preparation.py) and cannot be approved (gateway/cases/casework.py).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.domain.status import APPROVED_CASE_STATUSES, CaseStatus
from gateway.store import queries
from gateway.store.models import CaseRow


async def take_turn(session: AsyncSession, deceased_id_number: str) -> None:
    """Decisions about one deceased take turns until the transaction ends: two first applications
    sent at once must not both find no case. SQLite's writers take turns anyway (store/db.py); on
    PostgreSQL a transaction-scoped advisory lock keyed by the deceased's digest does it."""
    if session.get_bind().dialect.name != "postgresql":
        return
    key = int.from_bytes(bytes.fromhex(queries.digest(session, deceased_id_number)[:16]), "big", signed=True)
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _open_for(session: AsyncSession, deceased_id_number: str) -> list[ColumnElement[bool]]:
    return [
        CaseRow.deceased_id_digest == queries.digest(session, deceased_id_number),
        CaseRow.status != CaseStatus.WITHDRAWN,
    ]


async def blocking(session: AsyncSession, deceased_id_number: str, applicant_id_number: str) -> CaseRow | None:
    """The case that makes a new application for this deceased, by this applicant, a duplicate."""
    query = select(CaseRow).where(
        *_open_for(session, deceased_id_number),
        or_(
            CaseRow.relationship_verified.is_(True),
            CaseRow.status.in_(APPROVED_CASE_STATUSES),
            CaseRow.applicant_id_digest == queries.digest(session, applicant_id_number),
        ),
    )
    return (await session.scalars(query.order_by(CaseRow.seq).limit(1))).first()


async def rival(session: AsyncSession, case: CaseRow, *, enforced: bool) -> CaseRow | None:
    """Another open case for the same deceased that is already verified or approved; none when the
    operator has turned the one-case rule off (GATEWAY_ONE_CASE_PER_DECEASED=false)."""
    if not enforced:
        return None
    query = select(CaseRow).where(
        *_open_for(session, case.deceased_id_number),
        CaseRow.id != case.id,
        or_(CaseRow.relationship_verified.is_(True), CaseRow.status.in_(APPROVED_CASE_STATUSES)),
    )
    return (await session.scalars(query.order_by(CaseRow.seq).limit(1))).first()
