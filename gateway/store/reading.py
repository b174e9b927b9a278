"""The engine reads go through, where it differs from the one writes go through (gateway/store/db.py).

A status read is a few short SELECTs, and what each costs around its statement is most of it:
- SQLite: aiosqlite's thread hops; reads call sqlite3 on the loop's thread instead
  (`inline_sqlite.py`, read-only connections), and one case's records are read on a connection
  of the loop's own, lent to no pool (`LoopReads`).
- PostgreSQL: a BEGIN and a ROLLBACK around every statement, two round trips for nothing a read
  needs; reads run in autocommit, one statement one snapshot, as the loaders' separate sessions
  already were. They borrow from the writers' pool (an engine copy with other options shares it),
  so a process holds no more connections than before; the pool still pings a connection before
  lending it (a restarted server), and puts the isolation level back when it returns.
"""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.store.inline_sqlite import LoopReads, inline_engine


def reading_engine(url: str, writers: AsyncEngine) -> tuple[AsyncEngine | None, LoopReads | None]:
    """(the readers' engine, None: the writers'; SQLite's reads on the loop's own connection, if any).
    An in-memory or URI-named SQLite database is read through the writers' engine alone."""
    parsed = make_url(url)
    if parsed.drivername.startswith("postgresql"):
        return writers.execution_options(isolation_level="AUTOCOMMIT"), None
    path = parsed.database
    if not parsed.drivername.startswith("sqlite") or not path or path == ":memory:" or path.startswith("file:"):
        return None, None
    return inline_engine(url, path)
