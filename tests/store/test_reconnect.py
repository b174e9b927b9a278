"""A PostgreSQL restart or a killed backend leaves the pool holding dead connections: each is
replaced before it is lent (gateway/store/liveness.py), at as few round trips as that takes, and
the connection lent is as it would have been without the check."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.settings import Settings
from gateway.store import liveness
from gateway.store.db import create_engine
from tests.support.postgres import fresh_database, postgres_url_or_skip

PID = text("SELECT pg_backend_pid()")


@pytest.fixture
async def engine() -> AsyncIterator[AsyncEngine]:
    async with fresh_database(postgres_url_or_skip()) as url:
        settings = Settings()
        engine = create_engine(url, settings.database_pool_size, settings.database_max_overflow)
        try:
            yield engine
        finally:
            await engine.dispose()


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The connections the check asked the server about."""
    seen: list[Any] = []
    ask = liveness._ask

    def counted(connection: Any) -> None:
        seen.append(connection)
        ask(connection)

    monkeypatch.setattr(liveness, "_ask", counted)
    return seen


async def _end_every_other_backend(engine: AsyncEngine) -> int:
    url = engine.url.render_as_string(hide_password=False).replace("postgresql+asyncpg://", "postgresql://")
    server = await asyncpg.connect(url)
    try:
        ended: int = await server.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    finally:
        await server.close()
    return ended


async def test_a_connection_the_server_ended_is_replaced_before_it_is_lent(
    engine: AsyncEngine, asked: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(liveness, "LIVELY_SECONDS", 0.0)  # asked on every loan, however recent
    async with engine.connect() as connection:
        first = await connection.scalar(PID)
    assert await _end_every_other_backend(engine) == 1
    async with engine.connect() as connection:  # unchecked: "connection is closed"
        assert await connection.scalar(PID) != first
    assert asked


async def test_a_connection_back_in_the_pool_a_moment_ago_is_lent_without_asking(
    engine: AsyncEngine, asked: list[Any]
) -> None:
    for _ in range(3):
        async with engine.connect() as connection:
            await connection.scalar(PID)
    assert asked == []


async def test_the_check_leaves_a_writer_in_its_transaction_and_a_reader_in_autocommit(
    engine: AsyncEngine, asked: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(liveness, "LIVELY_SECONDS", 0.0)
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE noted (x int)"))
    reader = engine.execution_options(isolation_level="AUTOCOMMIT")
    for _ in range(2):  # the same pooled connection, asked on each loan
        async with engine.connect() as connection:
            await connection.execute(text("INSERT INTO noted VALUES (1)"))
            await connection.rollback()
        async with reader.connect() as connection:
            await connection.execute(text("INSERT INTO noted VALUES (2)"))  # autocommit: kept
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT x FROM noted"))).scalars().all() == [2, 2]
    assert len(asked) >= 4
