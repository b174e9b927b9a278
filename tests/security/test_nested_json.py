"""A deeply nested JSON body is the client's mistake: a 4xx answer, never a 500 (a RecursionError once
escaped the response cache). The one preflight (gateway/edge/preflight.py) decodes the body once and
answers any RecursionError as invalid JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.inprocess import gateway_in_process

DEPTH = 5_000  # 10 kB: inside the body limit, deeper than the interpreter's recursion limit


@pytest.mark.parametrize("where", ["variables", "extensions"])
async def test_a_deeply_nested_json_body_is_refused_as_the_client_s_mistake(tmp_path: Path, where: str) -> None:
    nested = "[" * DEPTH + "]" * DEPTH
    body = '{"query": "{ itemCatalogue { kind } }", "' + where + '": {"a": ' + nested + "}}"
    async with gateway_in_process(tmp_path) as gateway:
        response = await gateway.http.post("/graphql", content=body, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500 and response.status_code != 413, response.text[:500]
    assert response.json()["errors"][0]["extensions"]["code"]
