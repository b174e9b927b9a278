"""The real gateway and mocks (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), one per
database for the whole package, and headless Chromium pages on the portal for a family and a clerk."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest

from tests.clients.browser import chromium, loopback_page
from tests.clients.portal.pages import PHONE, Portal
from tests.support.postgres_threaded import database_beside_a_running_loop
from tests.support.processes import Running, running_gateway


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="package", params=["sqlite", "postgres"])
def gateway(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with ExitStack() as stack:
        env = (
            {"DATABASE_URL": stack.enter_context(database_beside_a_running_loop())}
            if request.param == "postgres"
            else {}
        )
        yield stack.enter_context(running_gateway(tmp_path_factory.mktemp(f"portal-{request.param}"), **env))


@pytest.fixture(scope="package")
def people(gateway: Running) -> list[dict[str, Any]]:
    return httpx.get(f"{gateway.mocks_url}/people", timeout=10).json()  # type: ignore[no-any-return]


@pytest.fixture
def family(browser: Any, gateway: Running) -> Iterator[Portal]:
    with loopback_page(browser, viewport=PHONE) as watched:
        portal = Portal(watched, gateway.url)
        portal.open()
        yield portal


@pytest.fixture
def clerk(browser: Any, gateway: Running) -> Iterator[Portal]:
    with loopback_page(browser) as watched:
        portal = Portal(watched, gateway.url)
        portal.open()
        yield portal
