"""Status reads: a fixed number of SQL statements however many cases, cursors that page, cached answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from gateway.cases.timeline import touch
from gateway.ids import to_global
from gateway.security.tokens import Role
from tests.support.cases import submit_people
from tests.support.inprocess import InProcess, gateway_in_process

CASE_SHAPE = """id reference status version deceased { name idNumberMasked } progress { total completed }
  items { id kind status deadline overdue certificate { number } result { summary amount } }
  certificates { number } timeline { at type message }"""
PAGE = f"""query($first: Int, $after: String, $filter: CaseFilter) {{
  cases(first: $first, after: $after, filter: $filter) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {CASE_SHAPE} }} }} }} }}"""
ONE = f"query($id: ID!) {{ case(id: $id) {{ {CASE_SHAPE} }} }}"


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[InProcess]:
    async with gateway_in_process(tmp_path) as running:
        yield running


async def test_twenty_cases_with_all_items_cost_as_many_statements_as_one(gateway: InProcess) -> None:
    await submit_people(gateway.services, 20)
    admin = gateway.token(Role.ADMIN, "ops")
    counts = []
    for first in (1, 20):
        gateway.statements.clear()
        body = (await gateway.graphql(PAGE, {"first": first}, admin)).json()
        assert len(body["data"]["cases"]["edges"]) == first
        counts.append(len(gateway.statements))
    assert counts[0] == counts[1]


async def test_cursors_walk_every_case_once_and_total_count_follows_the_filter(gateway: InProcess) -> None:
    cases = await submit_people(gateway.services, 7)
    admin = gateway.token(Role.ADMIN, "ops")
    seen, after = [], None
    while True:
        page = (await gateway.graphql(PAGE, {"first": 3, "after": after}, admin)).json()["data"]["cases"]
        assert page["totalCount"] == 7
        seen += [e["node"]["reference"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted(c.reference or "" for c in cases)
    only = {"reference": cases[2].reference}
    filtered = (await gateway.graphql(PAGE, {"filter": only}, admin)).json()["data"]["cases"]
    assert filtered["totalCount"] == 1
    withdrawn = (await gateway.graphql(PAGE, {"filter": {"status": ["WITHDRAWN"]}}, admin)).json()["data"]["cases"]
    assert withdrawn["totalCount"] == 0 and withdrawn["edges"] == []


async def test_a_garbled_cursor_is_a_clear_error(gateway: InProcess) -> None:
    body = (await gateway.graphql(PAGE, {"after": "not-a-cursor"}, gateway.token(Role.ADMIN, "ops"))).json()
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_repeated_status_query_is_answered_from_memory_until_the_case_changes(gateway: InProcess) -> None:
    (case,) = await submit_people(gateway.services, 1)
    admin, variables = gateway.token(Role.ADMIN, "ops"), {"id": to_global("Case", case.id)}
    first = await gateway.graphql(ONE, variables, admin)
    gateway.statements.clear()
    second = await gateway.graphql(ONE, variables, admin)
    # This process is the SQLite database's only writer, so it knows the versions without asking.
    assert second.content == first.content and gateway.statements == []

    async with gateway.services.db.writing() as session:
        row = await session.get(type(case), case.seq)
        assert row is not None
        row.deceased_name = "更正后的姓名"
        touch(session, row, gateway.services.clock())
    third = (await gateway.graphql(ONE, variables, admin)).json()
    assert third["data"]["case"]["deceased"]["name"] == "更正后的姓名"


async def test_a_cached_answer_is_never_given_to_another_caller(gateway: InProcess) -> None:
    (case,) = await submit_people(gateway.services, 1)
    variables = {"id": to_global("Case", case.id)}
    owner = gateway.token(Role.APPLICANT, case.applicant_id_number)
    stranger = gateway.token(Role.APPLICANT, "640104199001011234")
    assert (await gateway.graphql(ONE, variables, owner)).json()["data"]["case"] is not None
    assert (await gateway.graphql(ONE, variables, owner)).json()["data"]["case"] is not None
    assert (await gateway.graphql(ONE, variables, stranger)).json()["data"]["case"] is None
    expired = gateway.token(Role.APPLICANT, case.applicant_id_number, ttl_seconds=-60)
    assert (await gateway.graphql(ONE, variables, expired)).status_code == 401
