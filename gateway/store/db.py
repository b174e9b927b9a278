"""The database: engine and session factory, and the column types that keep money and time exact."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, event, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.types import TypeDecorator

from gateway.security.crypto import Keyring, install

CENTS = Decimal("0.01")


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware in, timezone-aware out, stored as UTC (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: timestamps must carry an offset")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Money(TypeDecorator[Decimal]):
    """Yuan as a Decimal with two places, stored as whole fen: exact on every database."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        fen = value * 100
        if fen != fen.to_integral_value():
            raise ValueError(f"amount {value} has more than two decimal places")
        return int(fen)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else (Decimal(value) / 100).quantize(CENTS)


def create_engine(url: str) -> AsyncEngine:
    engine = create_async_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    if url.startswith("sqlite"):
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL lets readers go on while the dispatcher writes; busy_timeout waits instead of failing.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


class Database:
    """One engine and its sessions. Writes go through `writing()`, which serialises them per case.

    SQLite has one writer at a time and refuses a read transaction that later upgrades to a write
    after another commit; a process-wide lock makes writers take turns instead. On PostgreSQL the
    store locks the case row (`lock_case`) so concurrent workers serialise per case only.
    """

    def __init__(self, engine: AsyncEngine, keyring: Keyring) -> None:
        install(engine, keyring)  # encrypted columns find their keys on the engine's dialect
        self.engine, self.keyring = engine, keyring
        self.sessions = create_sessionmaker(engine)
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._write_lock = asyncio.Lock()
        self.on_commit: list[Callable[[dict[str, int]], Awaitable[None]]] = []
        self.before_commit: list[Callable[[AsyncSession, dict[str, int]], Awaitable[None]]] = []

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        async with self.sessions() as session:
            yield session

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncSession]:
        async with self._turn(), self.sessions() as session:
            async with session.begin():
                yield session
                for hook in self.before_commit:  # e.g. NOTIFY, which PostgreSQL delivers on commit
                    await hook(session, session.info.get("touched", {}))
            touched: dict[str, int] = session.info.pop("touched", {})
        for callback in self.on_commit:
            await callback(touched)

    async def append(self, table: type[Any], rows: Sequence[dict[str, Any]]) -> None:
        """Insert records nobody waits for (the access log): one statement, no commit callbacks."""
        async with self._turn(), self.sessions() as session, session.begin():
            await session.execute(insert(table), list(rows))

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        if self.is_sqlite:
            async with self._write_lock:
                yield
        else:
            yield

    async def dispose(self) -> None:
        await self.engine.dispose()
