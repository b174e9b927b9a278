"""The database: engine and session factory; writes take turns and tell their hooks what changed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from gateway.json_decoding import decode_json
from gateway.security.crypto import Keyring, install
from gateway.store import case_documents, liveness
from gateway.store.appending import insert_at_once
from gateway.store.document_reads import DocumentReads
from gateway.store.inline_sqlite import LoopReads
from gateway.store.record_reads import Reader
from gateway.store.signals import SignallingSession, marked


def create_engine(url: str, pool_size: int, max_overflow: int) -> AsyncEngine:
    """On PostgreSQL the pool keeps `pool_size` connections (GATEWAY_DATABASE_POOL_SIZE). With
    SQLAlchemy's 5, a read borrowing two under 32 concurrent requests opened a connection (TCP, TLS
    attempt, authentication, asyncpg's type set-up) and closed it again on most requests: cold reads
    ran 30 % slower."""
    if url.startswith("sqlite"):
        engine = create_async_engine(url, json_deserializer=decode_json)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_async_engine(url, pool_size=pool_size, max_overflow=max_overflow, json_deserializer=decode_json)
    if engine.dialect.driver == "asyncpg":
        liveness.watch(engine)  # a restarted server's connections are replaced before they are lent
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL lets readers go on while the dispatcher writes; busy_timeout waits instead of failing.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, sync_session_class=SignallingSession)


class Database:
    """One engine and its sessions. Writes go through `writing()`, which serialises them per case.

    SQLite has one writer at a time and refuses a read transaction that later upgrades to a write
    after another commit; a process-wide lock makes writers take turns instead. On PostgreSQL the
    store locks the case row (`lock_case`) so concurrent workers serialise per case only.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        keyring: Keyring,
        reader: AsyncEngine | None = None,
        loop_reads: LoopReads | None = None,
    ) -> None:
        install(engine, keyring)  # encrypted columns find their keys on the engine's dialect
        self.engine, self.keyring, self.reader, self.loop_reads = engine, keyring, reader, loop_reads
        self.sessions = create_sessionmaker(engine)
        if reader is not None:  # what reads cost around their statements (gateway/store/reading.py)
            install(reader, keyring)
        self.read_sessions = create_sessionmaker(reader) if reader is not None else self.sessions
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._write_lock = asyncio.Lock()
        self.on_commit: list[Callable[[dict[str, int]], Awaitable[None]]] = []
        self.on_signals: list[Callable[[frozenset[str]], Awaitable[None]]] = []  # gateway/store/signals.py
        # The cases' documents first: rewritten in every transaction that changed a case.
        self.before_commit: list[Callable[[AsyncSession, dict[str, int]], Awaitable[None]]] = [case_documents.store]
        self.documents = DocumentReads(self)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        async with self.read_sessions() as session:
            yield session

    @asynccontextmanager
    async def read_connection(self) -> AsyncIterator[AsyncConnection]:
        """A connection for plain SELECTs (gateway/store/records.py): no session around it, no
        identity map, nothing to flush or expire."""
        async with (self.reader or self.engine).connect() as connection:
            yield connection

    @asynccontextmanager
    async def record_reader(self) -> AsyncIterator[Reader]:
        """Where a status read's records come from (gateway/store/record_reads.py): on SQLite the
        loop's own read connection, lent without a checkout; otherwise a pooled connection."""
        if self.loop_reads is not None:
            yield self.loop_reads
        else:
            async with self.read_connection() as connection:
                yield connection

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncSession]:
        async with self._turn(), self.sessions() as session:
            async with session.begin():
                yield session
                await session.flush()  # so the hooks below see every change's signals
                for hook in self.before_commit:  # e.g. NOTIFY, which PostgreSQL delivers on commit
                    await hook(session, session.info.get("touched", {}))
            touched: dict[str, int] = session.info.pop("touched", {})
            signals = marked(session.sync_session)
        for callback in self.on_commit:
            await callback(touched)
        for signalled in self.on_signals if signals else ():
            await signalled(signals)

    async def append(self, table: type[Any], rows: Sequence[dict[str, Any]]) -> None:
        """Insert records nobody waits for (the access log): multi-row INSERTs on the driver
        (gateway/store/appending.py), no commit callbacks."""
        async with self._turn(), self.engine.begin() as connection:
            await connection.run_sync(insert_at_once, table.__table__, rows)

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        if self.is_sqlite:
            async with self._write_lock:
                yield
        else:
            yield

    async def dispose(self) -> None:
        if self.loop_reads is not None:
            self.loop_reads.close()
        if self.reader is not None and self.reader.pool is not self.engine.pool:
            await self.reader.dispose()
        await self.engine.dispose()
