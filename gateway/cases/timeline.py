"""Every change to a case bumps its version and says who did what, in Chinese (the audit trail)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from gateway.store.models import CaseRow, EventRow

SYSTEM = "system"


def touch(session: AsyncSession, case: CaseRow, now: datetime) -> None:
    case.version += 1
    case.updated_at = now
    session.info.setdefault("touched", {})[case.id] = case.version


def record(
    session: AsyncSession,
    case: CaseRow,
    now: datetime,
    *,
    actor: str,
    type: str,
    message: str,
    item_kind: str | None = None,
) -> None:
    session.add(EventRow(case_id=case.id, at=now, actor=actor, type=type, message=message, item_kind=item_kind))
    touch(session, case, now)
