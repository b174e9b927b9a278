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
from gateway.edge import operation, preflight
from gateway.edge.operation import Operation, operation_of, parse_document
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


def test_fragments_that_fan_out_are_counted_without_walking_every_path() -> None:
    levels = 80  # 2**80 paths if every spread were followed
    fragments = " ".join(f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}" for n in range(levels))
    hidden = "fragment Last on Query { cases(first: 1) { totalCount } }"
    query = f"query {{ ...F0 ...Last }} {fragments} fragment F{levels} on Query {{ __typename }} {hidden}"
    document = parse_document(query, 5000)
    assert document is not None
    assert operation_of(document, None) == Operation(OperationType.QUERY, (("__typename", 2**levels), ("cases", 1)))


def test_a_fragment_cycle_counts_as_nothing_and_ends() -> None:
    document = parse_document("query { ...A } fragment A on Query { ...B b } fragment B on Query { ...A }", 2000)
    assert document is not None
    assert operation_of(document, None) == Operation(OperationType.QUERY, (("b", 1),))


def test_root_fields_are_read_through_fragments_inline_fragments_and_aliases() -> None:
    query = "query { a: case(id: 1) { id } ...F ... on Query { c: cases { totalCount } } b } fragment F on Query { b }"
    document = parse_document(query, 2000)
    assert document is not None
    assert operation_of(document, None) == Operation(OperationType.QUERY, (("case", 1), ("b", 2), ("cases", 1)))


def test_long_texts_are_parsed_but_not_kept() -> None:
    """A client sending distinct texts up to the body limit must not fill memory with them."""
    kept = (operation._kept_understanding,)
    before = [cache.cache_info().currsize for cache in kept]
    padding = "# " + "x" * operation.KEPT_TEXT_CHARS + "\n"
    document, found = operation.document_and_operation(f"{padding}{{ __typename }}", 2000, None)
    assert document is not None and found == Operation(OperationType.QUERY, (("__typename", 1),))
    assert [cache.cache_info().currsize for cache in kept] == before
    short = f"# {next(UNIQUE)}\n{{ __typename }}"
    assert operation.document_and_operation(short, 2000, None) is operation.document_and_operation(short, 2000, None)
