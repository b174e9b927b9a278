"""One POST is read, parsed and verified once, at the edge; what lies behind reads the result."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from graphql.language.parser import Parser

import schema.http
from gateway.edge import preflight
from tests.edge.conftest import Gateway

UNIQUE = itertools.count()


def counting(calls: list[str], name: str, wrapped: Callable[..., Any]) -> Callable[..., Any]:
    def count(*args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return wrapped(*args, **kwargs)

    return count


@pytest.mark.parametrize(
    "query",
    [
        "{ cases(first: 1) { totalCount } }",  # costly: the rate limiter prices it
        'query { ...F } fragment F on Query { case(id: "Q2FzZTox") { id } }',  # the response cache looks at it
    ],
    ids=["rate_limited", "cacheable"],
)
async def test_a_request_is_parsed_and_its_token_verified_once(
    gateway: Gateway, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(Parser, "parse_document", counting(calls, "parse", Parser.parse_document))
    for module in (preflight, schema.http):
        monkeypatch.setattr(module, "principal_from_token", counting(calls, "verify", module.principal_from_token))
    fresh = f"# {next(UNIQUE)}\n{query}"  # no parse cache has seen it
    response = await gateway.post({"query": fresh}, token=gateway.token())
    assert response.status_code == 200, response.text
    assert sorted(calls) == ["parse", "verify"]
