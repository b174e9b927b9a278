"""The cost estimate: fields count once, lists multiply by their page size, introspection is free."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import parse

from schema import build_schema
from schema import cost as cost_module
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


def test_one_document_costs_what_its_variables_make_it_each_time() -> None:
    document = parse("query($n: Int) { cases(first: $n) { edges { node { id } } } }")
    costs = [estimate_cost(SCHEMA, document, None, {"n": n}) for n in (3, 9, 3)]
    assert costs == [1 + 3 * 3, 1 + 9 * 3, 1 + 3 * 3]  # cases, then edges { node { id } } per element


def test_a_document_whose_cost_no_variable_changes_is_estimated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    document = parse("query($id: ID!) { case(id: $id) { items { kind } } }")
    estimates: list[str] = []
    original = cost_module._estimate

    def counted(*args: Any) -> tuple[int, bool]:
        estimates.append("walk")
        return original(*args)

    monkeypatch.setattr(cost_module, "_estimate", counted)
    costs = [estimate_cost(SCHEMA, document, None, {"id": case}) for case in ("a", "b", "c")]
    assert costs == [1 + 1 + DEFAULT_LIST_SIZE] * 3
    assert estimates == ["walk"]
