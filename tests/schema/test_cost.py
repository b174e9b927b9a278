"""The cost estimate: fields count once, lists multiply by their page size, introspection is free."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import parse

from schema import build_schema
from schema.cost import DEFAULT_LIST_SIZE, estimate_cost, input_problem

SCHEMA = build_schema()._schema


def cost(query: str, variables: dict[str, Any] | None = None, operation: str | None = None) -> int:
    return estimate_cost(SCHEMA, parse(query), operation, variables or {})


def test_each_field_costs_one() -> None:
    assert cost('{ verifyCertificate(number: "1", verificationCode: "2") { valid kind } }') == 3


def test_fields_under_a_list_cost_once_per_expected_element() -> None:
    assert cost("{ itemCatalogue { kind title } }") == 1 + DEFAULT_LIST_SIZE * 2


def test_nested_lists_multiply() -> None:
    assert cost('{ case(id: "x") { items { certificate { number } } } }') == 1 + 1 + DEFAULT_LIST_SIZE * 2


@pytest.mark.parametrize(
    ("query", "variables", "page"),
    [
        ("{ cases(first: 7) { edges { node { id } } } }", None, 7),
        ("query($n: Int) { cases(first: $n) { edges { node { id } } } }", {"n": 9}, 9),
        ("query($n: Int) { cases(first: $n) { edges { node { id } } } }", {}, 20),
        ("{ cases { edges { node { id } } } }", None, 20),
    ],
    ids=["literal", "variable", "variable_not_given", "argument_default"],
)
def test_a_connection_costs_its_page_size_once(query: str, variables: dict[str, Any] | None, page: int) -> None:
    assert cost(query, variables) == 1 + page * 3


def test_fragments_are_counted_where_they_are_spread() -> None:
    spread = "{ itemCatalogue { ...Kind } } fragment Kind on ItemDefinition { kind title }"
    inline = '{ node(id: "x") { ... on Case { reference } ... on Certificate { number } } }'
    assert cost(spread) == cost("{ itemCatalogue { kind title } }")
    assert cost(inline) == 3


def test_introspection_is_free() -> None:
    assert cost("{ __schema { types { name fields { name type { name ofType { name } } } } } }") == 0


def test_only_the_chosen_operation_is_counted() -> None:
    query = "query A { itemCatalogue { kind } } query B { agencies { agency } }"
    assert cost(query, operation="B") == 1 + DEFAULT_LIST_SIZE


def test_long_strings_and_deep_inputs_are_named() -> None:
    document = parse('{ caseByReference(reference: "abcdef") { id } }')
    nested: object = 1
    for _ in range(40):
        nested = [nested]
    assert input_problem(document, {}, max_string=10) is None
    assert "5" in str(input_problem(document, {}, max_string=5))
    assert "10" in str(input_problem(document, {"r": "x" * 11}, max_string=10))
    assert input_problem(document, {"deep": nested}, max_string=10) is not None
