from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.inprocess import InProcess, gateway_in_process
from tests.support.postgres import fresh_database, postgres_url_or_skip

TODAY = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 on 1 December in China


def _now() -> datetime:
    return TODAY


@pytest.fixture(params=["sqlite", "postgres"])
async def gateway(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[InProcess]:
    if request.param == "sqlite":
        async with gateway_in_process(tmp_path, clock=_now, rate_limits=False) as running:
            yield running
        return
    async with (
        fresh_database(postgres_url_or_skip()) as url,
        gateway_in_process(tmp_path, clock=_now, rate_limits=False, database_url=url) as running,
    ):
        yield running
