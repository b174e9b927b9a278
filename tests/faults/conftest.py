"""The real gateway and its real mocks on free ports, tuned so outages start and heal in seconds."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from tests.support.agencies import MockAgencies
from tests.support.client import GraphQL
from tests.support.postgres import fresh_database, postgres_url_or_skip
from tests.support.processes import Running, running_gateway

# Quick retries and a short cool-down: an outage shows within a second or two and heals as fast.
FAST = {
    "GATEWAY_MOCKS_TIME_SCALE": "0.1",
    "GATEWAY_CALLBACK_POLL_SECONDS": "2",
    "GATEWAY_DISPATCH_BACKOFF_SECONDS": "0.5",
    "GATEWAY_DISPATCH_BACKOFF_CAP_SECONDS": "3",
    "GATEWAY_ADAPTER_ATTEMPTS": "2",
    "GATEWAY_ADAPTER_MAX_SECONDS": "2",
    "GATEWAY_ADAPTER_INITIAL_WAIT": "0.05",
    "GATEWAY_ADAPTER_MAX_WAIT": "0.2",
    "GATEWAY_BREAKER_FAILURES": "3",
    "GATEWAY_BREAKER_RESET_SECONDS": "2",
    "GATEWAY_RATE_LIMITS": "false",  # the tests poll hard; throttling callers is not under test here
    "GATEWAY_ACCESS_LOG": "false",
}
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@asynccontextmanager
async def database(backend: str) -> AsyncIterator[dict[str, str]]:
    """Environment naming the database: SQLite in the data dir, or a fresh PostgreSQL database."""
    if backend == "sqlite":
        yield {}
        return
    async with fresh_database(postgres_url_or_skip()) as url:
        yield {"DATABASE_URL": url}


@pytest.fixture
async def database_env() -> AsyncIterator[dict[str, str]]:
    """SQLite; modules that must also run on PostgreSQL override this with `BACKENDS`."""
    async with database("sqlite") as env:
        yield env


@pytest.fixture
def settings_env() -> dict[str, str]:
    """Extra gateway settings a module needs on top of `FAST`."""
    return {}


@pytest.fixture
def gateway(tmp_path: Path, database_env: dict[str, str], settings_env: dict[str, str]) -> Iterator[Running]:
    with running_gateway(tmp_path / "gateway", **(FAST | settings_env | database_env)) as running:
        yield running


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client


@pytest.fixture
def agencies(gateway: Running, http: httpx.AsyncClient) -> MockAgencies:
    return MockAgencies(http, gateway.mocks_url)


@pytest.fixture
def admin(gateway: Running, http: httpx.AsyncClient) -> GraphQL:
    return GraphQL(http, gateway.graphql, gateway.token("admin", "ops-admin"))
