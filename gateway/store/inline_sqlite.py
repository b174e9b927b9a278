"""SQLite reads run on the event loop's own thread: the embedded default's read engine.

aiosqlite runs every call of a connection (cursor, execute, fetch, close, rollback) on a thread of
its own and wakes the loop with the answer. A status read is four short SELECTs, so it paid a
dozen thread round trips and, under load, a storm of GIL hand-offs between the loop and a pool of
such threads: half of a read's time. A SELECT of a case's rows takes tens of microseconds, far
less than one hand-off, so reads call sqlite3 directly. Writes stay on aiosqlite: a writer may wait
for SQLite's lock (busy_timeout), and that wait must not stop the loop.

The read connections are `query_only`, so nothing written by mistake through them can land. In
WAL mode a reader does not wait for the writer; `busy_timeout` bounds the rare waits that remain
(a WAL being recovered).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

READ_BUSY_MS = 2000


class _Cursor:
    """aiosqlite's cursor, as SQLAlchemy's adapter uses it for reads, answering at once: it fetches
    every row on execute (no server-side cursors, no executemany on a read-only connection)."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> _Cursor:
        return self

    async def __aexit__(self, *_: object) -> None:
        self._cursor.close()

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> _Cursor:
        self._cursor.execute(sql, parameters)
        return self

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class InlineConnection:
    """aiosqlite's connection, as SQLAlchemy's adapter uses it, on the calling thread."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection: sqlite3.Connection | None = connection
        self._conn = connection

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    def cursor(self) -> _Cursor:
        return _Cursor(self._conn.cursor())

    async def commit(self) -> None:
        self._conn.commit()

    async def rollback(self) -> None:
        self._conn.rollback()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()


def inline_of(connection: AsyncConnection) -> sqlite3.Connection | None:
    """The sqlite3 connection under a checked-out connection of an inline engine, else None."""
    synced = connection.sync_connection
    if synced is None or synced.closed or synced.invalidated:
        return None  # SQLAlchemy's own path reconnects it, from a greenlet
    driver = getattr(synced.connection.dbapi_connection, "driver_connection", None)
    return driver._conn if isinstance(driver, InlineConnection) else None


def inline_engine(url: str, path: str) -> AsyncEngine:
    """Reads of the SQLite file at `path` on the calling thread, through read-only connections."""

    async def connect() -> InlineConnection:
        connection = sqlite3.connect(path, timeout=READ_BUSY_MS / 1000, check_same_thread=False)
        connection.execute("PRAGMA query_only=ON")
        return InlineConnection(connection)

    # One connection per concurrent reader is what the pool holds; they cost a file handle each.
    return create_async_engine(url, async_creator=connect, pool_size=8, max_overflow=24)
