"""The current version of cases: what a cached answer is checked against before it is reused."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from gateway.db import Database
from gateway.models import CaseRow


async def case_versions(db: Database, ids: Sequence[str]) -> dict[str, int]:
    async with db.reading() as session:
        rows = await session.execute(select(CaseRow.id, CaseRow.version).where(CaseRow.id.in_(ids)))
        return {case_id: version for case_id, version in rows}
