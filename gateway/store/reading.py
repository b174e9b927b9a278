"""The engine reads go through, where it differs from the one writes go through (gateway/store/db.py).

A status read is a few short SELECTs, and what each costs around its statement is most of it:
- SQLite: aiosqlite's thread hops; reads call sqlite3 on the loop's thread instead
  (`inline_sqlite.py`, read-only connections).
- PostgreSQL: a BEGIN and a ROLLBACK around every statement, two round trips for nothing a read
  needs; reads run in autocommit, one statement one snapshot, as the loaders' separate sessions
  already were. The pool still pings a connection before lending it (a restarted server).
"""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from gateway.store.inline_sqlite import inline_engine


def reading_engine(url: str) -> AsyncEngine | None:
    """None: reads share the writers' engine (an in-memory or URI-named SQLite database)."""
    parsed = make_url(url)
    if parsed.drivername.startswith("postgresql"):
        return create_async_engine(url, pool_pre_ping=True, isolation_level="AUTOCOMMIT")
    path = parsed.database
    if not parsed.drivername.startswith("sqlite") or not path or path == ":memory:" or path.startswith("file:"):
        return None
    return inline_engine(url, path)
