"""The lean path keeps an object's selection across requests only where the document fixes it
(schema/lean_shapes.py): a directive reading a variable makes the selection the request's own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse
from graphql.execution.collect_fields import FragmentDetails

from gateway.security.tokens import Role
from schema import lean_execution, lean_shapes
from tests.support.agencies import agencies_in_process, in_process_urls
from tests.support.cases import local_people
from tests.support.client import SUBMIT, application_for
from tests.support.inprocess import InProcess, gateway_in_process

FOLLOW = "query($id: ID!) { case(id: $id) { status items { kind status } timeline { type } } }"
INCLUDED = "query($id: ID!, $x: Boolean!) { case(id: $id) { status items @include(if: $x) { kind } } }"


def fixed(text: str) -> bool:
    document = parse(text)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: FragmentDetails(d) for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    return lean_shapes.fixed_by_document(operation, fragments)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FOLLOW, True),
        (INCLUDED, False),
        ('{ case(id: "x") { status items @include(if: true) { kind } } }', True),
        (
            'query($s: Boolean!) { case(id: "x") { ...Parts } } fragment Parts on Case { items @skip(if: $s) { kind } }',
            False,
        ),
        (
            'query($s: Boolean!) { case(id: "x") { status } } fragment Unused on Case { items @skip(if: $s) { kind } }',
            False,
        ),
    ],
)
def test_a_document_fixes_its_selections_unless_a_directive_reads_a_variable(text: str, expected: bool) -> None:
    assert fixed(text) is expected


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[tuple[InProcess, str, str]]:
    async with (
        agencies_in_process() as agencies,
        gateway_in_process(tmp_path, agencies=agencies, agency_base_urls=in_process_urls(), response_cache=False) as gw,
    ):
        admin = gw.token(Role.ADMIN, "ops")
        answer = (await gw.graphql(SUBMIT, {"input": application_for(local_people()[0])}, admin)).json()
        yield gw, admin, answer["data"]["submitApplication"]["case"]["id"]


@pytest.fixture
def collected(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The object types whose selection the lean path worked out (not found kept)."""
    names: list[str] = []
    collect = lean_execution._LeanRun.collect

    def counted(self: lean_execution._LeanRun, object_type: Any, details: Any) -> Any:
        names.append(object_type.name)
        return collect(self, object_type, details)

    monkeypatch.setattr(lean_execution._LeanRun, "collect", counted)
    return names


async def test_a_fixed_documents_selections_are_worked_out_once(
    gateway: tuple[InProcess, str, str], collected: list[str]
) -> None:
    gw, admin, case_id = gateway
    answers = [(await gw.graphql(FOLLOW, {"id": case_id}, admin)).json() for _ in range(3)]
    assert answers[0] == answers[1] == answers[2] and answers[0]["data"]["case"]["items"]
    assert sorted(collected) == ["Case", "CaseEvent", "CaseItem"]


async def test_a_selection_a_variable_decides_is_the_requests_own(
    gateway: tuple[InProcess, str, str], collected: list[str]
) -> None:
    gw, admin, case_id = gateway
    for x in (True, False, True, False):
        case = (await gw.graphql(INCLUDED, {"id": case_id, "x": x}, admin)).json()["data"]["case"]
        assert ("items" in case) is x
    assert collected.count("Case") == 4
