"""GraphiQL in a real browser that reaches nothing but the gateway: it renders, runs, and breaks no policy.

Set GRAPHIQL_SCREENSHOT=docs/graphiql.png to refresh the README's picture from this run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.clients.browser import Watched, chromium, loopback_page
from tests.support.processes import Running, running_gateway

pytestmark = pytest.mark.e2e
RESPONSE = ".graphiql-response"
RUN = ".graphiql-execute-button"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running_gateway(tmp_path_factory.mktemp("graphiql")) as running:
        yield running


@pytest.fixture
def graphiql(browser: Any, gateway: Running) -> Iterator[Watched]:
    from playwright.sync_api import expect

    with loopback_page(browser) as watched:
        watched.page.goto(gateway.graphql)
        expect(watched.page.locator(".graphiql-query-editor")).to_contain_text("query Catalogue", timeout=30_000)
        yield watched


def run(watched: Watched, expected: str) -> str:
    from playwright.sync_api import expect

    watched.page.click(RUN)
    expect(watched.page.locator(RESPONSE)).to_contain_text(expected, timeout=30_000)
    return str(watched.page.inner_text(RESPONSE))


def set_headers(watched: Watched, headers: dict[str, str]) -> None:
    page = watched.page
    page.get_by_role("button", name="Headers").click()
    editor = page.locator(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(json.dumps(headers))


def test_graphiql_renders_from_loopback_alone_and_its_example_shows_the_catalogue(graphiql: Watched) -> None:
    answer = run(graphiql, "MEDICAL_DEATH_CERTIFICATE")
    assert "居民死亡医学证明" in answer and '"errors"' not in answer
    assert graphiql.page.title().startswith("GraphiQL")
    if shot := os.environ.get("GRAPHIQL_SCREENSHOT"):
        graphiql.page.screenshot(path=Path(shot))
    assert graphiql.problems() == {}


def test_graphiql_sends_the_token_from_its_headers_editor(graphiql: Watched, gateway: Running) -> None:
    sent: list[str | None] = []
    graphiql.page.on("request", lambda r: sent.append(r.headers.get("authorization")) if r.method == "POST" else None)
    set_headers(graphiql, {"Authorization": "Bearer not-a-token"})
    refused = run(graphiql, "UNAUTHENTICATED")
    assert "令牌" in refused and sent[-1] == "Bearer not-a-token"
    graphiql.errors.clear()  # the browser logs the 401 above as a failed resource; nothing else may fail
    graphiql.failed.clear()
    token = gateway.token("applicant", "110101195001011234")
    set_headers(graphiql, {"Authorization": f"Bearer {token}"})
    answer = run(graphiql, "MEDICAL_DEATH_CERTIFICATE")
    assert "UNAUTHENTICATED" not in answer and sent[-1] == f"Bearer {token}"
    assert graphiql.problems() == {}


def test_graphiql_dialogs_open_within_the_content_policy(graphiql: Watched) -> None:
    from playwright.sync_api import expect

    graphiql.page.get_by_role("button", name="Open settings dialog").click()
    expect(graphiql.page.locator(".graphiql-dialog")).to_be_visible()
    graphiql.page.keyboard.press("Escape")
    graphiql.page.get_by_role("button", name="Open short keys dialog").click()
    expect(graphiql.page.locator(".graphiql-dialog")).to_be_visible()
    assert graphiql.problems() == {}
