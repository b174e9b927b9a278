"""Where a status read gets its case's document (case_documents.py).

On SQLite, on the loop's own read connection, at once. On PostgreSQL the reads of one turn of
the event loop are asked in one statement: under load a turn holds several requests, and each
asked alone borrowed a pooled connection and made a round trip of its own, about as much of the
event loop's time as opening and reading the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from gateway.store import case_documents
from gateway.store.case_documents import CaseDocument

if TYPE_CHECKING:
    from gateway.store.db import Database

Sealed = tuple[int, bytes]  # (version, body), as stored


class DocumentReads:
    def __init__(self, db: Database) -> None:
        self._db = db
        # Process-wide and never caching: it only gathers the questions of one turn into one query.
        self._asked = DataLoader[str, Sealed | None](self._ask, cache=False)

    async def read(self, case_id: str) -> CaseDocument | None:
        db = self._db
        if db.loop_reads is not None:
            return await case_documents.read(db.loop_reads, db.keyring, case_id)
        found = await self._asked.load(case_id)
        return None if found is None else case_documents.opened(db.keyring, case_id, *found)

    async def _ask(self, ids: list[str]) -> list[Sealed | None]:
        async with self._db.read_connection() as connection:
            found = await case_documents.sealed(connection, sorted(set(ids)))
        return [found.get(i) for i in ids]
