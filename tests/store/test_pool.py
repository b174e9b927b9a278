"""Under load a PostgreSQL pool keeps its connections: a second burst of concurrent reads opens
none (SQLAlchemy's default of 5 reopened most of them: TCP, authentication, asyncpg's set-up), and
the operator's pool settings reach the engine."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.settings import Settings
from gateway.store.db import create_engine
from tests.support.inprocess import gateway_in_process
from tests.support.postgres import fresh_database, postgres_url_or_skip

AT_ONCE = 12


async def burst(engine: AsyncEngine) -> None:
    """AT_ONCE connections held at the same time, each reading once."""
    everyone_in = asyncio.Barrier(AT_ONCE)

    async def read() -> None:
        async with engine.connect() as connection:
            await everyone_in.wait()
            await connection.execute(text("SELECT 1"))

    await asyncio.gather(*(read() for _ in range(AT_ONCE)))


async def test_a_second_burst_of_concurrent_reads_opens_no_connection() -> None:
    settings = Settings()
    async with fresh_database(postgres_url_or_skip()) as url:
        engine = create_engine(url, settings.database_pool_size, settings.database_max_overflow)
        opened: list[object] = []
        event.listen(engine.sync_engine, "connect", lambda connection, _record: opened.append(connection))
        try:
            await burst(engine)
            assert len(opened) == AT_ONCE
            await burst(engine)
            assert len(opened) == AT_ONCE  # every connection was kept, none reopened
        finally:
            await engine.dispose()


async def test_the_pool_settings_reach_the_engine(tmp_path: Path) -> None:
    async with (
        fresh_database(postgres_url_or_skip()) as url,
        gateway_in_process(tmp_path, database_url=url, database_pool_size=3, database_max_overflow=2) as gateway,
    ):
        pool = gateway.services.db.engine.pool
        assert (pool.size(), pool._max_overflow) == (3, 2)  # type: ignore[attr-defined]
