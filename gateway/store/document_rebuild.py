"""`python -m gateway rebuild-documents`: every case's document written anew from its rows.

Every change writes its case's document (case_documents.py), so this is for cases no change has
reached since: those on file before documents existed (migration 0015), and all of them after a
release that changed the records' fields (their documents, in the old shape, are not read). Until
then such a case is read from its rows, correctly but slower. Safe while the gateway runs: each
batch is its own transaction, and on PostgreSQL it holds its cases' rows, so writers to them wait
for it rather than interleave; a newer document is never replaced by an older one.
"""

from __future__ import annotations

from sqlalchemy import select

from gateway.store import case_documents
from gateway.store.db import Database
from gateway.store.models import CaseRow

BATCH = 200


async def rebuild_documents(db: Database) -> int:
    """How many documents were written."""
    done, last = 0, -1
    while True:
        async with db.writing() as session:
            query = select(CaseRow.seq, CaseRow.id).where(CaseRow.seq > last).order_by(CaseRow.seq).limit(BATCH)
            if not db.is_sqlite:  # SQLite has one writer at a time: nothing can interleave
                query = query.with_for_update()
            rows = (await session.execute(query)).all()
            await case_documents.store(session, {case_id: 0 for _, case_id in rows})
        if not rows:
            return done
        done, last = done + len(rows), rows[-1].seq
