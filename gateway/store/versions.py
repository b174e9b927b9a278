"""The current version of cases: what a cached answer is checked against before it is reused.

When this process is the database's only writer (SQLite, held by `sole_writer`), every commit
passes through its `Database.writing()`, so the versions it has seen commit are the truth and a
cached answer can be checked without a query. Otherwise the database is asked every time; the
reads that ask in the same turn of the event loop ask in one query (`_asked`). On PostgreSQL a
lone question costs a pool checkout with its ping as well as the query itself (four round trips),
and 32 clients reading one finished case asked it 32 times over.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import String, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY
from strawberry.dataloader import DataLoader

from gateway.store.db import Database
from gateway.store.models import CaseRow
from gateway.store.record_reads import ForAnyIds

_VERSIONS = select(CaseRow.id, CaseRow.version)
_IN = _VERSIONS.where(CaseRow.id.in_(bindparam("ids", expanding=True)))
_ANY = ForAnyIds(_VERSIONS.where(CaseRow.id == any_(bindparam("ids", type_=ARRAY(String)))))


async def case_versions(db: Database, ids: Sequence[str]) -> dict[str, int]:
    """On PostgreSQL as asyncpg's own prepared statement: through an ORM session the question cost
    about 0.3 ms of CPU more, half of what a cached answer cost to serve (issue #13)."""
    async with db.read_connection() as connection:
        if connection.dialect.name == "postgresql":
            rows = await _ANY.rows(connection, ids)
        else:
            rows = list(await connection.execute(_IN, {"ids": list(ids)}))
        return {case_id: version for case_id, version in rows}


class VersionBook:
    def __init__(self, db: Database, authoritative: bool) -> None:
        self._db, self.authoritative = db, authoritative
        self._latest: dict[str, int] = {}
        # Process-wide and never caching: it only gathers the questions of one turn into one query.
        self._asked = DataLoader[str, int | None](self._ask, cache=False)

    async def on_commit(self, touched: dict[str, int]) -> None:
        self.note(touched)

    def note(self, versions: dict[str, int]) -> None:
        for case_id, version in versions.items():  # versions only grow: a late reader never goes back
            if version > self._latest.get(case_id, -1):
                self._latest[case_id] = version

    async def current(self, ids: Sequence[str]) -> dict[str, int]:
        if self.authoritative and all(i in self._latest for i in ids):
            return {i: self._latest[i] for i in ids}
        # One id (a cached answer shows one case) is awaited alone: load_many gathers, a task per id.
        answers = [await self._asked.load(ids[0])] if len(ids) == 1 else await self._asked.load_many(ids)
        found = {i: v for i, v in zip(ids, answers, strict=True) if v is not None}
        if self.authoritative:
            self.note(found)
        return found

    async def _ask(self, ids: list[str]) -> list[int | None]:
        found = await case_versions(self._db, sorted(set(ids)))
        return [found.get(i) for i in ids]
