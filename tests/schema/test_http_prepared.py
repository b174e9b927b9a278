"""A prepared read over HTTP is answered without strawberry's view (schema/http_prepared.py) with
the status, headers and bytes the view sends for it; a read it cannot answer goes the whole way,
and is not tried prepared a second time there."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.security.tokens import Role
from schema import http, http_prepared, lean_execution
from tests.support.inprocess import InProcess, gateway_in_process

CATALOGUE = "query Catalogue { itemCatalogue { kind title agency } }"
FORBIDDEN = "query Endpoints { agencies { agency baseUrl } }"  # an applicant may not list them
VARIES = ("x-request-id", "date")


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[InProcess]:
    async with gateway_in_process(tmp_path) as running:
        yield running


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether `answered_prepared` answered each request, in turn."""
    seen: list[bool] = []
    answered_prepared = http_prepared.answered_prepared

    async def counted(*args: Any) -> bool:
        seen.append(await answered_prepared(*args))
        return seen[-1]

    monkeypatch.setattr(http, "answered_prepared", counted)
    return seen


async def post(gateway: InProcess, query: str, accept: str | None, token: str | None = None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    headers |= {"Accept": accept} if accept is not None else {}
    headers |= {"Authorization": f"Bearer {token}"} if token else {}
    return await gateway.http.post("/graphql", json={"query": query}, headers=headers)


async def get(gateway: InProcess, query: str, accept: str | None) -> httpx.Response:
    headers = {"Accept": accept} if accept is not None else {}
    return await gateway.http.get("/graphql", params={"query": query}, headers=headers)


def as_sent(response: httpx.Response) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = [(name, value) for name, value in response.headers.multi_items() if name not in VARIES]
    return response.status_code, headers, response.content


@pytest.mark.parametrize("send", [post, get])
@pytest.mark.parametrize("accept", [None, "application/json", "application/graphql-response+json", "*/*"])
async def test_a_prepared_read_is_sent_as_strawberrys_view_sends_it(
    gateway: InProcess, answered: list[bool], monkeypatch: pytest.MonkeyPatch, accept: str | None, send: Any
) -> None:
    await send(gateway, CATALOGUE, accept)  # the pipeline validates the document first
    by_endpoint = await send(gateway, CATALOGUE, accept)
    assert answered == [False, True]

    async def never(*_args: Any) -> bool:
        return False

    monkeypatch.setattr(http, "answered_prepared", never)
    by_view = await send(gateway, CATALOGUE, accept)
    assert by_endpoint.json()["data"]["itemCatalogue"]
    assert as_sent(by_endpoint) == as_sent(by_view)


async def test_a_read_it_cannot_answer_is_run_prepared_once_then_by_the_pipeline(
    gateway: InProcess, answered: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[bool] = []
    lean_run = lean_execution._LeanRun.run

    async def counted(self: lean_execution._LeanRun) -> Any:
        runs.append(True)
        return await lean_run(self)

    monkeypatch.setattr(lean_execution._LeanRun, "run", counted)
    token = gateway.token(Role.APPLICANT, "640104197506220337")
    await post(gateway, FORBIDDEN, None, token)  # validated by the pipeline
    runs.clear()
    refused = await post(gateway, FORBIDDEN, None, token)
    assert answered == [False, False]
    assert len(runs) == 2  # the endpoint's prepared run, then the pipeline's, which words the refusal
    (error,) = refused.json()["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN" and refused.json()["data"] is None


@pytest.mark.parametrize(
    ("case", "headers"),
    [
        ("a token that does not verify", {"Authorization": "Bearer not-a-token"}),
        ("an Accept it cannot answer in", {"Accept": "text/csv"}),
    ],
)
async def test_what_is_refused_is_left_to_the_view(
    gateway: InProcess, answered: list[bool], case: str, headers: dict[str, str]
) -> None:
    await post(gateway, CATALOGUE, None)
    refused = await gateway.http.post("/graphql", json={"query": CATALOGUE}, headers=headers)
    assert refused.status_code in (401, 406), case
    assert answered == [False, False] and "data" not in refused.json()
