"""Mobile apps follow a case live; agencies' endpoints are data; eligibility never waits for the slowest."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from tests.e2e.papers import resubmit_with_papers
from tests.e2e.test_application_flow import applicant_of, person, settled, submit, submit_quietly
from tests.support.client import SUBMIT, GraphQL, application_for
from tests.support.processes import Running, running_mocks
from tests.support.ws import subscribe

pytestmark = pytest.mark.e2e
FOLLOW = "subscription($id: ID!) { caseUpdated(caseId: $id) { id status version progress { completed } } }"
ELIGIBILITY = """query($id: String!) { eligibility(deceasedIdNumber: $id) {
  unavailableAgencies items { kind applicable reason } } }"""


def ws_url(gateway: Running) -> str:
    return gateway.graphql.replace("http://", "ws://")


async def test_subscriber_sees_every_change_in_order_until_the_case_completes(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "退休人员医院死亡，养老金多领两个月")
    family = applicant_of(gateway, graphql, p)
    token = family.token or ""
    case = (await family(SUBMIT, {"input": application_for(p)}))["submitApplication"]["case"]
    versions: list[int] = []
    statuses: list[str] = []
    async with subscribe(ws_url(gateway), token, FOLLOW, {"id": case["id"]}) as updates:
        while not statuses or statuses[-1] != "COMPLETED":
            message = await updates.next(within=30)
            assert message["type"] == "next", message
            versions.append(message["payload"]["data"]["caseUpdated"]["version"])
            statuses.append(message["payload"]["data"]["caseUpdated"]["status"])
            if statuses[-1] == "PARTIALLY_COMPLETED" and statuses.count("PARTIALLY_COMPLETED") == 1:
                await resubmit_with_papers(family, case["id"])  # the burial statement civil affairs asked for
    assert versions == sorted(set(versions)) and len(versions) >= 3


FOLLOW_SINCE = """subscription($id: ID!, $since: Int) {
  caseUpdated(caseId: $id, sinceVersion: $since) { id status version } }"""


async def test_a_subscription_starts_with_the_present_even_on_a_finished_case(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "煤矿退休职工医院死亡")
    family = applicant_of(gateway, graphql, p)
    done = await settled(family, (await submit(family, p))["id"])
    async with subscribe(ws_url(gateway), family.token or "", FOLLOW, {"id": done["id"]}) as updates:
        message = await updates.next()
    assert message["type"] == "next", message
    assert message["payload"]["data"]["caseUpdated"]["status"] == done["status"]


async def test_reconnecting_with_the_version_last_seen_sends_nothing_until_a_change(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "回族退休人员医院死亡")
    family = applicant_of(gateway, graphql, p)
    done = await settled(family, (await submit_quietly(family, p))["id"])
    seen = {"id": done["id"], "since": done["version"]}
    async with subscribe(ws_url(gateway), family.token or "", FOLLOW_SINCE, seen) as updates:
        with pytest.raises(TimeoutError):
            await updates.next(within=1.0)  # nothing new: the client already holds the present
    behind = {"id": done["id"], "since": done["version"] - 1}
    async with subscribe(ws_url(gateway), family.token or "", FOLLOW_SINCE, behind) as updates:
        message = await updates.next()
    assert message["payload"]["data"]["caseUpdated"]["version"] == done["version"]


async def test_another_applicant_cannot_subscribe_to_a_case(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "持残疾人证（视力一级）")
    case = await submit(applicant_of(gateway, graphql, p), p)
    stranger = gateway.token("applicant", people[0]["applicant"]["idNumber"])
    async with subscribe(ws_url(gateway), stranger, FOLLOW, {"id": case["id"]}) as updates:
        message = await updates.next()
    # graphql-transport-ws delivers a resolver's refusal as a result with errors and no data
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert message["type"] in ("error", "next") and not (
        message["payload"].get("data") if message["type"] == "next" else None
    )
    assert errors[0]["extensions"]["code"] == "FORBIDDEN" and "无权" in errors[0]["message"]


async def test_eligibility_names_a_slow_agency_and_does_not_wait_for_it(
    gateway: Running, admin: GraphQL, http: httpx.AsyncClient, people: list[dict[str, Any]]
) -> None:
    p = person(people, "持有公司股权")
    await http.put(f"{gateway.mocks_url}/admin/faults/MARKET_REGULATION", json={"slowSeconds": 20})
    try:
        started = time.monotonic()
        report = (await admin(ELIGIBILITY, {"id": p["idNumber"]}))["eligibility"]
        elapsed = time.monotonic() - started
    finally:
        await http.delete(f"{gateway.mocks_url}/admin/faults/MARKET_REGULATION")
    assert report["unavailableAgencies"] == ["MARKET_REGULATION"]
    assert elapsed < 5.0 + 1.5  # the market-regulation adapter's timeout plus a margin
    applicable = {i["kind"] for i in report["items"] if i["applicable"]}
    assert "HUKOU_CANCELLATION" in applicable


async def test_endpoint_registered_at_runtime_receives_the_next_dispatch(
    gateway: Running, graphql: GraphQL, admin: GraphQL, http: httpx.AsyncClient, people: list[dict[str, Any]]
) -> None:
    register = """mutation($input: RegisterAgencyEndpointInput!) { registerAgencyEndpoint(input: $input) {
      endpoint { agency baseUrl healthy itemKinds } errors { field code message } } }"""
    agency = graphql.as_(gateway.token("agency", "tuiyi-system", "--agency", "VETERANS_AFFAIRS"))
    kinds = ["VETERAN_BENEFIT_SETTLEMENT"]

    async def point_at(url: str) -> dict[str, Any]:
        return await agency(register, {"input": {"agency": "VETERANS_AFFAIRS", "baseUrl": url, "itemKinds": kinds}})

    with running_mocks(gateway.data_dir / "second-mocks.log") as second:
        moved = f"{second}/tuiyi"
        answer = await point_at(moved)
        assert answer["registerAgencyEndpoint"]["errors"] == []
        endpoints = (await admin("{ agencies { agency baseUrl healthy circuitOpen } }"))["agencies"]
        assert any(e["baseUrl"] == moved and e["healthy"] for e in endpoints)

        p = person(people, "退役士兵，享受定期抚恤")
        family = applicant_of(gateway, graphql, p)
        case = await settled(family, (await submit(family, p))["id"])
        veteran = next(i for i in case["items"] if i["kind"] == "VETERAN_BENEFIT_SETTLEMENT")
        assert veteran["status"] == "COMPLETED"
        ledger = (await http.get(f"{second}/admin/ledger")).json()["keys"]
        assert [v["kind"] for k, v in ledger.items() if k.startswith(case["reference"])] == kinds
        await point_at(f"{gateway.mocks_url}/tuiyi")  # later tests of this server use the first mocks again
