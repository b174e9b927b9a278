"""Callers who try what they should not (issue #10, items 1, 2 and 4), against the real gateway and
mocks: a family account naming a stranger as the deceased, a clerk approving alone, a clerk token
without a region, and a token that expires on an open WebSocket."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from gateway.security.tokens import Role, issue_token
from gateway.settings import Settings
from tests.e2e.conftest import started
from tests.e2e.papers import completed_with_papers
from tests.e2e.test_application_flow import applicant_of, person, submit
from tests.e2e.test_live_status import FOLLOW, ws_url
from tests.e2e.test_review_and_withdrawal import REVIEW, status_of
from tests.support.client import SUBMIT, GraphQL, application_for
from tests.support.processes import Running

pytestmark = pytest.mark.e2e
SEEN = """query($id: ID!) { case(id: $id) { status reviewNote deceased { name householdRegionCode }
  timeline { type message } items { kind status } } }"""
ELIGIBILITY = "query($id: String!) { eligibility(deceasedIdNumber: $id) { items { kind applicable reason } } }"
NEUTRAL = "您的申请正在等待综合窗口审核，核验通过后将显示办理详情"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def gateway(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """No clock leeway: a token's expiry on an open socket shows within seconds."""
    yield from started(request, tmp_path_factory, GATEWAY_JWT_LEEWAY_SECONDS="0")


def naming(victim: dict[str, Any], stranger: dict[str, Any]) -> dict[str, Any]:
    """An application for `victim`'s death sent by `stranger`, with a name that does not match the register."""
    form = application_for(victim)
    form["applicant"] = stranger["applicant"]
    form["payoutAccount"] = stranger["payoutAccount"]
    form["deceased"]["name"] = victim["name"][0] + "某某"
    return form


async def test_a_stranger_naming_someone_learns_nothing_and_locks_no_family_out(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    victim, other = person(people, "煤矿退休职工医院死亡"), person(people, "回族退休人员医院死亡")
    stranger = applicant_of(gateway, graphql, other)
    sent = (await stranger(SUBMIT, {"input": naming(victim, other)}))["submitApplication"]
    await status_of(stranger, sent["case"]["id"], "UNDER_REVIEW")
    seen = (await stranger(SEEN, {"id": sent["case"]["id"]}))["case"]

    assert seen["reviewNote"] == NEUTRAL, "the register's findings are for the clerk"
    shown = json.dumps(seen, ensure_ascii=False)
    assert victim["name"] not in shown and "户籍" not in shown and "NOT_APPLICABLE" not in shown
    refused = await stranger.post(ELIGIBILITY, {"id": victim["idNumber"]})
    assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    family = applicant_of(gateway, graphql, victim)
    case = await submit(family, victim)  # the unverified stranger's case blocks nobody
    assert (await completed_with_papers(family, case["id"]))["status"] == "COMPLETED"
    again = (await stranger(SUBMIT, {"input": naming(victim, other)}))["submitApplication"]
    assert [e["code"] for e in again["errors"]] == ["DUPLICATE_CASE"]
    assert case["reference"] not in again["errors"][0]["message"], "a stranger is not told the family's reference"


async def test_a_clerk_cannot_approve_an_application_they_submitted(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "特定关系人")
    region = p["householdRegionCode"][:4]
    window = graphql.as_(gateway.token("clerk", "staff-11", "--region", region))
    form = application_for(p, channel="WINDOW")
    case_id = (await window(SUBMIT, {"input": form}))["submitApplication"]["case"]["id"]
    await status_of(window, case_id, "UNDER_REVIEW")

    alone = (await window(REVIEW, {"id": case_id, "d": "APPROVE"}))["reviewCase"]
    assert [e["code"] for e in alone["errors"]] == ["SELF_APPROVAL"]
    colleague = graphql.as_(gateway.token("clerk", "staff-12", "--region", region))
    approved = (await colleague(REVIEW, {"id": case_id, "d": "APPROVE"}))["reviewCase"]
    assert approved["errors"] == [] and approved["case"]["status"] == "IN_PROGRESS"


async def test_a_clerk_token_without_a_region_is_refused(gateway: Running, graphql: GraphQL) -> None:
    settings = Settings(data_dir=gateway.data_dir)  # the gateway's own development secret, from its data dir
    token = issue_token(settings, Role.CLERK, "staff-13")
    response = await graphql.as_(token).post("{ cases(first: 1) { totalCount } }")
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_token_that_expires_on_an_open_socket_closes_it_with_4401(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "退役士兵，享受定期抚恤")
    case = await submit(applicant_of(gateway, graphql, p), p)
    short = gateway.token("applicant", p["applicant"]["idNumber"], "--ttl", "3")
    async with connect(ws_url(gateway), subprotocols=["graphql-transport-ws"]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {short}"}}))
        await socket.send(
            json.dumps({"id": "1", "type": "subscribe", "payload": {"query": FOLLOW, "variables": {"id": case["id"]}}})
        )
        with pytest.raises(ConnectionClosed) as closed:
            async with asyncio.timeout(30):
                while True:
                    await socket.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
