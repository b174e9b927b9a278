from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager

from mocks.app import create_app
from mocks.config import MockConfig


@pytest.fixture
def config() -> MockConfig:
    return MockConfig(time_scale=0.02, latency_ms=(0, 2))


@pytest.fixture
async def mocks_http(config: MockConfig) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        LifespanManager(create_app(config)) as manager,
        httpx.AsyncClient(transport=httpx.ASGITransport(manager.app), base_url="http://mocks") as http,
    ):
        yield http
