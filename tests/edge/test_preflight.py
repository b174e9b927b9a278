"""One POST is read, parsed and verified once, at the edge; what lies behind reads the result.
The operation is read as the executor will run it, fragments expanded, and reading it is bounded."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from graphql import OperationType
from graphql.language.parser import Parser

import schema.http
from gateway.edge import preflight
from gateway.edge.operation import MAX_ROOTS, Operation, operation_of, parse_document
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


def test_fragments_that_fan_out_in_a_cycle_are_priced_without_walking_them_all() -> None:
    levels = 80  # 2**80 paths if every spread were followed
    fragments = " ".join(f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}" for n in range(levels))
    query = f"query {{ ...F0 }} {fragments} fragment F{levels} on Query {{ ...F0 cases(first: 1) {{ totalCount }} }}"
    document = parse_document(query, 5000)
    assert document is not None
    operation = operation_of(document, None)
    assert operation is not None and 0 < len(operation.roots) <= MAX_ROOTS
    assert set(operation.roots) == {"cases"}


def test_root_fields_are_read_through_fragments_inline_fragments_and_aliases_each_set_before_its_fragments() -> None:
    query = "query { a: case(id: 1) { id } ...F ... on Query { c: cases { totalCount } } } fragment F on Query { b }"
    document = parse_document(query, 2000)
    assert document is not None
    assert operation_of(document, None) == Operation(OperationType.QUERY, ("case", "b", "cases"))
