"""The access log's rows, written as multi-row INSERTs (gateway/store/appending.py), are stored
exactly as SQLAlchemy's executemany stores them, however many there are, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Table, insert, select, text

from gateway.services import Services
from gateway.store.appending import ROWS_PER_STATEMENT, insert_at_once
from gateway.store.models import AccessLogRow
from tests.support.inprocess import InProcess, gateway_in_process
from tests.support.postgres import fresh_database, postgres_url_or_skip

COLUMNS = "at, case_id, actor, role, action, operation, request_id"


def entries(count: int, request_prefix: str) -> list[dict[str, Any]]:
    china = timezone(timedelta(hours=8))
    start = datetime(2026, 12, 5, 9, 30, 15, 123456, tzinfo=china)  # stored as UTC, microseconds kept
    return [
        {
            "at": start + timedelta(seconds=i), "case_id": f"case-{i % 7}", "actor": "申请人 0f3a", "role": "APPLICANT",
            "action": "READ", "operation": "query Follow ‘引号’", "request_id": f"{request_prefix}-{i}",
        }
        for i in range(count)
    ]  # fmt: skip


@pytest.fixture(params=["sqlite", "postgres"])
async def gateway(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[InProcess]:
    async with AsyncExitStack() as stack:
        url = ""  # the embedded SQLite
        if request.param == "postgres":
            url = await stack.enter_async_context(fresh_database(postgres_url_or_skip()))
        yield await stack.enter_async_context(gateway_in_process(tmp_path, database_url=url))


async def stored(services: Services, prefix: str) -> list[tuple[Any, ...]]:
    async with services.db.engine.connect() as connection:
        query = text(f"SELECT {COLUMNS} FROM access_log WHERE request_id LIKE :p ORDER BY id")
        rows = await connection.execute(query, {"p": f"{prefix}-%"})
        return [tuple(value.replace(prefix, "") if isinstance(value, str) else value for value in row) for row in rows]


async def test_multi_row_inserts_store_what_executemany_stores(gateway: InProcess) -> None:
    count = 2 * ROWS_PER_STATEMENT + 37  # three statements, the last one short
    db = gateway.services.db
    async with db.sessions() as session, session.begin():
        await session.execute(insert(AccessLogRow), entries(count, "orm"))
    async with db.engine.begin() as connection:
        await connection.run_sync(insert_at_once, cast(Table, AccessLogRow.__table__), entries(count, "raw"))
    by_orm, by_rows = await stored(gateway.services, "orm"), await stored(gateway.services, "raw")
    assert len(by_rows) == count
    assert by_rows == by_orm
    assert str(by_rows[0][0]).startswith("2026-12-05 01:30:15.123456")  # UTC, microseconds kept


async def test_the_access_log_reads_back_what_was_appended(gateway: InProcess) -> None:
    await gateway.services.db.append(AccessLogRow, entries(3, "app"))
    async with gateway.services.db.reading() as session:
        typed = [row.at for row in await session.scalars(select(AccessLogRow).order_by(AccessLogRow.id))]
    assert len(typed) == 3
    assert typed[0] == datetime(2026, 12, 5, 1, 30, 15, 123456, tzinfo=UTC)
