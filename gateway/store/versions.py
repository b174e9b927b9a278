"""The current version of cases: what a cached answer is checked against before it is reused.

When this process is the database's only writer (SQLite, held by `sole_writer`), every commit
passes through its `Database.writing()`, so the versions it has seen commit are the truth and a
cached answer can be checked without a query. Otherwise the database is asked every time.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from gateway.store.db import Database
from gateway.store.models import CaseRow


async def case_versions(db: Database, ids: Sequence[str]) -> dict[str, int]:
    async with db.reading() as session:
        rows = await session.execute(select(CaseRow.id, CaseRow.version).where(CaseRow.id.in_(ids)))
        return {case_id: version for case_id, version in rows}


class VersionBook:
    def __init__(self, db: Database, authoritative: bool) -> None:
        self._db, self.authoritative = db, authoritative
        self._latest: dict[str, int] = {}

    async def on_commit(self, touched: dict[str, int]) -> None:
        self.note(touched)

    def note(self, versions: dict[str, int]) -> None:
        for case_id, version in versions.items():  # versions only grow: a late reader never goes back
            if version > self._latest.get(case_id, -1):
                self._latest[case_id] = version

    async def current(self, ids: Sequence[str]) -> dict[str, int]:
        if self.authoritative and all(i in self._latest for i in ids):
            return {i: self._latest[i] for i in ids}
        found = await case_versions(self._db, ids)
        if self.authoritative:
            self.note(found)
        return found
