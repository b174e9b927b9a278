"""Validation is remembered per parsed document, by identity (schema/validation.py): a document
the edge keeps is validated once, never given another document's verdict, and the memory is bounded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from graphql import parse, specified_rules
from strawberry.schema.schema import validate_document

from schema import build_schema, validation
from schema.remembered import Remembered
from tests.support.inprocess import gateway_in_process

SCHEMA = build_schema()._schema
RULES = tuple(specified_rules)
GOOD = "query($id: ID!) { case(id: $id) { reference status } }"
BAD = "query($id: ID!) { case(id: $id) { reference noSuchField } }"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    monkeypatch.setattr(validation, "_validated", Remembered(validation.MAX_DOCUMENTS))
    made: list[Any] = []

    def counted(*args: Any) -> Any:
        made.append(args[1])
        return validate_document(*args)

    monkeypatch.setattr(validation, "validate_document", counted)
    return made


def test_a_kept_document_is_validated_once(calls: list[Any]) -> None:
    document = parse(BAD)
    first = validation.validated(SCHEMA, document, RULES)
    again = validation.validated(SCHEMA, document, RULES)
    assert again is first and len(calls) == 1
    assert [e.message for e in first] == ["Cannot query field 'noSuchField' on type 'Case'."]


def test_an_equal_document_parsed_anew_gets_its_own_verdict(calls: list[Any]) -> None:
    good, bad = parse(GOOD), parse(BAD)
    assert validation.validated(SCHEMA, good, RULES) == []
    assert validation.validated(SCHEMA, parse(GOOD), RULES) == []
    assert len(validation.validated(SCHEMA, bad, RULES)) == 1
    assert len(calls) == 3  # by identity: the second parse of GOOD was validated too


def test_the_memory_is_bounded_and_drops_the_oldest(calls: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validation, "_validated", Remembered(3))
    documents = [parse(f"{{ itemCatalogue {{ kind }} a{i}: agencies {{ agency }} }}") for i in range(4)]
    for document in documents:
        validation.validated(SCHEMA, document, RULES)
    assert len(validation._validated) == 3
    validation.validated(SCHEMA, documents[0], RULES)  # the oldest, dropped: validated again
    validation.validated(SCHEMA, documents[3], RULES)  # the newest, kept
    assert calls == [*documents, documents[0]]


async def test_the_gateway_validates_a_repeated_text_once_and_still_refuses_a_bad_one(
    calls: list[Any], tmp_path: Path
) -> None:
    async with gateway_in_process(tmp_path) as gateway:
        for _ in range(3):
            answer = (await gateway.graphql("{ itemCatalogue { kind } }")).json()
            assert "errors" not in answer and answer["data"]["itemCatalogue"]
        assert len(calls) == 1
        for _ in range(2):
            refused = (await gateway.graphql("{ itemCatalogue { noSuchField } }")).json()
            assert refused["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        assert len(calls) == 2
