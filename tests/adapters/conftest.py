from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager

from mocks.app import create_app
from mocks.config import MockConfig


@pytest.fixture
async def mocks_http() -> AsyncIterator[httpx.AsyncClient]:
    """A client on the real imitation agencies, in process, with tiny artificial delays."""
    app = create_app(MockConfig(time_scale=0.02, latency_ms=(0, 2)))
    async with (
        LifespanManager(app) as manager,
        httpx.AsyncClient(transport=httpx.ASGITransport(manager.app), base_url="http://mocks") as http,
    ):
        yield http
