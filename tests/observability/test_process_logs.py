"""The real `python -m gateway serve`: where everything listens, and an access log with and without
the embedded mocks (their quiet once silenced the gateway's; without them redaction broke each line)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from tests.support.processes import Running, running_gateway
from tests.support.waiting import wait_for


async def logged(running: Running, needle: str) -> str:
    log = running.data_dir / "gateway.log"

    async def text() -> str:
        return log.read_text(errors="replace")

    return await wait_for(text, lambda t: needle in t, within=10)


async def test_without_the_mocks_each_request_is_one_access_line_with_its_request_id(tmp_path: Path) -> None:
    with running_gateway(tmp_path, GATEWAY_SERVE_MOCKS="false") as gateway:
        async with httpx.AsyncClient() as http:
            response = await http.post(gateway.graphql, json={"query": "{ cases(first: 1) { totalCount } }"})
        request_id = response.headers["x-request-id"]
        text = await logged(gateway, f'"POST /graphql HTTP/1.1" 200 [request_id={request_id}]')
    assert "Logging error" not in text and "Traceback" not in text
    assert f"graphql      {gateway.graphql}" in text and "mocks        off" in text
    assert "UNAUTHENTICATED" in text and "strawberry" not in text


async def test_with_the_mocks_json_lines_say_where_everything_listens_and_log_each_request(tmp_path: Path) -> None:
    with running_gateway(tmp_path, GATEWAY_LOG_FORMAT="json") as gateway:
        async with httpx.AsyncClient() as http:
            response = await http.get(gateway.graphql, params={"query": "{ itemCatalogue { kind } }"})
        request_id = response.headers["x-request-id"]
        await logged(gateway, request_id)
        entries = [json.loads(line) for line in (gateway.data_dir / "gateway.log").read_text().splitlines()]
    access = [e for e in entries if e["logger"] == "uvicorn.access" and e.get("request_id") == request_id]
    assert [e["http"]["status"] for e in access] == [200]
    assert any(e["message"].startswith(f"Uvicorn running on {gateway.url}") for e in entries)
    (ready,) = [e for e in entries if e["logger"] == "gateway" and "ready" in e["message"]]
    assert ready["graphql"] == gateway.graphql and ready["mocks"].startswith(gateway.mocks_url)
    assert ready["database"].startswith("sqlite+aiosqlite:///") and ready["environment"] == "development"
