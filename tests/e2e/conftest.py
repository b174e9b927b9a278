"""The real gateway and the real mocks as one process on free ports, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.client import GraphQL
from tests.support.postgres import fresh_database, postgres_url_or_skip
from tests.support.processes import Running, running_gateway


def _database_env(backend: str, stack: AsyncExitStack, loop: asyncio.AbstractEventLoop) -> dict[str, str]:
    if backend == "sqlite":
        return {}
    url = loop.run_until_complete(stack.enter_async_context(fresh_database(postgres_url_or_skip())))
    return {"DATABASE_URL": url}


def started(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, **settings: str
) -> Iterator[Running]:
    """The gateway of a module-scoped fixture parametrised by database, with these settings (env)."""
    loop = asyncio.new_event_loop()
    stack = AsyncExitStack()
    try:
        env = _database_env(request.param, stack, loop)
        data_dir: Path = tmp_path_factory.mktemp(f"gateway-{request.param}")
        with running_gateway(data_dir, **settings, **env) as running:
            yield running
    finally:
        loop.run_until_complete(stack.aclose())
        loop.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def gateway(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    yield from started(request, tmp_path_factory)


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client


@pytest.fixture
async def people(gateway: Running, http: httpx.AsyncClient) -> list[dict[str, Any]]:
    response = await http.get(f"{gateway.mocks_url}/people")
    return response.json()  # type: ignore[no-any-return]


@pytest.fixture
def graphql(gateway: Running, http: httpx.AsyncClient) -> GraphQL:
    return GraphQL(http, gateway.graphql)


@pytest.fixture
def admin(gateway: Running, graphql: GraphQL) -> GraphQL:
    return graphql.as_(gateway.token("admin", "ops-admin"))
