"""Queries too deep, too wide, too long or too costly are refused before any resolver runs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.edge.conftest import Gateway, bilingual, refusal, running

GRAPHQL_RESPONSE = "application/graphql-response+json"
# Costs 1 + 50 × (edges 1 + node 1 + items 1 + 20 × 1) = 1151 by schema/cost.py's estimate.
PAGE_OF_ITEMS = "{ cases(first: 50) { edges { node { items { id } } } } }"


@pytest.fixture
async def strict(tmp_path: Path) -> AsyncIterator[Gateway]:
    async with running(tmp_path, max_query_cost=1000, max_string_length=100) as gateway:
        yield gateway


async def test_costly_query_is_refused_before_execution(strict: Gateway) -> None:
    response = await strict.post({"query": PAGE_OF_ITEMS}, accept=GRAPHQL_RESPONSE)  # anonymous: would be refused
    error = refusal(response)
    assert (response.status_code, error["extensions"]["code"]) == (400, "QUERY_TOO_COSTLY")
    assert "1151" in error["message"] and bilingual(error["message"])


async def test_costly_query_is_a_200_with_errors_in_application_json(strict: Gateway) -> None:
    response = await strict.post({"query": PAGE_OF_ITEMS}, accept="application/json")
    assert (response.status_code, refusal(response)["extensions"]["code"]) == (200, "QUERY_TOO_COSTLY")


async def test_cost_counts_first_given_as_a_variable(strict: Gateway) -> None:
    query = "query($n: Int) { cases(first: $n) { edges { node { items { id } } } } }"
    costly = await strict.post({"query": query, "variables": {"n": 50}})
    cheap = await strict.post({"query": query, "variables": {"n": 2}}, token=strict.token())
    assert refusal(costly)["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert cheap.status_code == 200 and "errors" not in cheap.json()


async def test_long_string_variable_is_refused(strict: Gateway) -> None:
    query = "query($r: String!) { caseByReference(reference: $r) { id } }"
    response = await strict.post({"query": query, "variables": {"r": "x" * 101}})
    assert (response.status_code, refusal(response)["extensions"]["code"]) == (400, "INPUT_TOO_LARGE")


async def test_long_string_literal_is_refused(strict: Gateway) -> None:
    response = await strict.post({"query": '{ caseByReference(reference: "%s") { id } }' % ("x" * 101)})
    assert (response.status_code, refusal(response)["extensions"]["code"]) == (400, "INPUT_TOO_LARGE")


async def test_deeply_nested_variables_are_refused(strict: Gateway) -> None:
    nested: object = "leaf"
    for _ in range(40):
        nested = {"deeper": nested}
    query = "query($r: String!) { caseByReference(reference: $r) { id } }"
    response = await strict.post({"query": query, "variables": {"r": "x", "extra": nested}})
    assert (response.status_code, refusal(response)["extensions"]["code"]) == (400, "INPUT_TOO_LARGE")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ " + " ".join(f"a{i}: itemCatalogue {{ kind }}" for i in range(31)) + " }", "TOO_MANY_ALIASES"),
        ("{ " + "itemCatalogue { kind } " * 700 + "}", "QUERY_TOO_LARGE"),
        ("{ itemCatalogue(x: " + "[" * 300 + "]" * 300 + ") { kind } }", "QUERY_TOO_NESTED"),
    ],
    ids=["aliases", "tokens", "nesting"],
)
async def test_query_over_a_shape_limit_is_refused_with_its_code(gateway: Gateway, query: str, code: str) -> None:
    response = await gateway.post({"query": query}, accept=GRAPHQL_RESPONSE)
    error = refusal(response)
    assert (response.status_code, error["extensions"]["code"]) == (400, code), error["message"]
    assert bilingual(error["message"])


async def test_query_deeper_than_the_limit_is_refused(gateway: Gateway) -> None:
    # No valid query of this schema is deeper than 6 fields, so a deep one also fails validation.
    query = "{ itemCatalogue { " + "kind { " * 13 + "x" + " }" * 14 + " }"
    response = await gateway.post({"query": query}, accept=GRAPHQL_RESPONSE)
    errors = response.json()["errors"]
    assert response.status_code == 400
    deep = next(e for e in errors if e["extensions"]["code"] == "QUERY_TOO_DEEP")
    assert bilingual(deep["message"])


async def test_generous_query_is_within_the_default_limits(gateway: Gateway) -> None:
    case = "id reference status items { id kind status result { summary amount } } timeline { at type message }"
    query = f"{{ cases(first: 100) {{ totalCount edges {{ cursor node {{ {case} }} }} }} }}"
    response = await gateway.post({"query": query}, token=gateway.token())
    assert response.status_code == 200 and "errors" not in response.json()
