"""SQLite reads run on the event loop's own thread: the embedded default's read engine.

aiosqlite runs every call of a connection (cursor, execute, fetch, close, rollback) on a thread of
its own and wakes the loop with the answer. A status read is four short SELECTs, so it paid a
dozen thread round trips and, under load, a storm of GIL hand-offs between the loop and a pool of
such threads: half of a read's time. A SELECT of a case's rows takes tens of microseconds, far
less than one hand-off, so reads call sqlite3 directly: SQLAlchemy's statements on the engine's
pooled connections, and one case's records (gateway/store/record_reads.py) on the loop's own
connection, borrowed from no pool (`LoopReads`). Writes stay on aiosqlite: a writer may wait for
SQLite's lock (busy_timeout), and that wait must not stop the loop.

The read connections are `query_only`, so nothing written by mistake through them can land. In
WAL mode a reader does not wait for the writer; `busy_timeout` bounds the rare waits that remain
(a WAL being recovered).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from gateway.json_decoding import decode_json

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


class LoopReads:
    """One case's reads on the loop's thread, on one read-only connection lent to no pool.

    Borrowing a pooled connection through SQLAlchemy's async engine (a greenlet each way, a
    shielded task to give it back, three turns of the loop) cost more than the SELECTs a status
    read borrows it for. A read here runs from execute to its last row without giving up the loop,
    so no two reads ever use the connection at once, and between reads it holds no statement and
    no snapshot (sqlite3 begins no transaction for a SELECT): each read sees the latest commit.
    """

    def __init__(self, engine: AsyncEngine, path: str) -> None:
        self.engine, self.dialect, self._path = engine, engine.dialect, path
        self._connection: sqlite3.Connection | None = None
        self.on_connect: list[Callable[[sqlite3.Connection], None]] = []  # as the engine's "connect" event

    def cursor(self) -> sqlite3.Cursor:
        if self._connection is None:
            self._connection = _read_only(self._path)
            for listener in self.on_connect:
                listener(self._connection)
        return self._connection.cursor()

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()


def inline_engine(url: str, path: str) -> tuple[AsyncEngine, LoopReads]:
    """Reads of the SQLite file at `path` on the calling thread, through read-only connections:
    the engine's pooled ones for SQLAlchemy's statements, and the loop's own for one case's records."""

    async def connect() -> InlineConnection:
        return InlineConnection(_read_only(path))

    # One connection per concurrent reader is what the pool holds; they cost a file handle each.
    engine = create_async_engine(
        url, async_creator=connect, pool_size=8, max_overflow=24, json_deserializer=decode_json
    )
    return engine, LoopReads(engine, path)


def _read_only(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=READ_BUSY_MS / 1000, check_same_thread=False)
    connection.execute("PRAGMA query_only=ON")
    return connection
