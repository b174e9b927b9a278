"""How the access log names an operation (schema/accounting.py): by its kind and root fields, worked
out once per document and operation."""

from __future__ import annotations

from graphql import parse

from schema.accounting import operation_label

TWO = parse("query One($id: ID!) { case(id: $id) { id } } query Both { cases { totalCount } itemCatalogue { kind } }")


def test_each_operation_of_a_document_is_named_by_its_own_root_fields() -> None:
    for _ in range(2):  # the second time from memory
        assert operation_label("query", TWO, "One") == "query:case"
        assert operation_label("query", TWO, "Both") == "query:cases,itemCatalogue"


def test_an_operation_the_document_does_not_hold_is_named_by_its_kind_alone() -> None:
    assert operation_label("query", TWO, "Three") == "query:"
    assert operation_label("mutation", None, None) == "mutation:"
