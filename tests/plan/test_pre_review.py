"""Pre-review as the plan says (四(二) "工作人员预审后…推送"): without auto-approval every application
waits for a clerk, and clerks work through their region's queue, oldest first."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest

from gateway.settings import Settings
from tests.e2e.conftest import _database_env
from tests.e2e.papers import completed_with_papers
from tests.e2e.test_application_flow import applicant_of, person, submit
from tests.e2e.test_review_and_withdrawal import REVIEW, status_of
from tests.plan.test_death_certificate_first import sent_for
from tests.security.production import production
from tests.support.client import GraphQL
from tests.support.processes import Running, running_gateway

pytestmark = pytest.mark.e2e
QUEUE = """query($f: CaseFilter, $first: Int, $after: String, $o: CaseOrder) {
  cases(filter: $f, first: $first, after: $after, orderBy: $o) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id reference status reviewNote submittedAt deceased { name householdRegionCode } } } } }"""
SHIZUISHAN = ("煤矿退休职工医院死亡", "持残疾人证（视力一级）", "个体经营者医院死亡")


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def gateway(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    loop = asyncio.new_event_loop()
    stack = AsyncExitStack()
    try:
        env = _database_env(request.param, stack, loop)
        data_dir = tmp_path_factory.mktemp(f"manual-review-{request.param}")
        with running_gateway(data_dir, GATEWAY_AUTO_APPROVE="false", **env) as running:
            yield running
    finally:
        loop.run_until_complete(stack.aclose())
        loop.close()


def production_settings(**overrides: Any) -> Settings:
    return Settings(**production(**overrides))


def test_production_waits_for_a_clerk_unless_the_operator_turns_auto_approval_on() -> None:
    assert production_settings().auto_approval is False
    assert production_settings(auto_approve=True).auto_approval is True
    assert Settings().auto_approval is True  # the embedded demo
    assert Settings(auto_approve=False).auto_approval is False


async def test_clean_applications_wait_in_the_region_queue_oldest_first_and_go_out_once_approved(
    gateway: Running, graphql: GraphQL, http: httpx.AsyncClient, people: list[dict[str, Any]]
) -> None:
    chosen = [person(people, where) for where in SHIZUISHAN]
    cases = []
    for p in chosen:
        family = applicant_of(gateway, graphql, p)
        cases.append(await status_of(family, (await submit(family, p))["id"], "UNDER_REVIEW"))
    for case in cases:
        assert case["timeline"][-1]["message"] == "已转综合窗口人工预审"
        assert await sent_for(http, gateway, case["reference"]) == {}

    clerk = graphql.as_(gateway.token("clerk", "staff-04", "--region", "6402"))
    waiting = {"status": ["UNDER_REVIEW"]}
    first = (await clerk(QUEUE, {"f": waiting, "first": 2, "o": "OLDEST_FIRST"}))["cases"]
    rest = await clerk(QUEUE, {"f": waiting, "first": 2, "o": "OLDEST_FIRST", "after": first["pageInfo"]["endCursor"]})
    queue = [e["node"] for e in first["edges"] + rest["cases"]["edges"]]
    assert [c["id"] for c in queue] == [c["id"] for c in cases]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"] is True
    newest = (await clerk(QUEUE, {"f": waiting}))["cases"]["edges"]
    assert [e["node"]["id"] for e in newest] == [c["id"] for c in reversed(cases)]

    county = (await clerk(QUEUE, {"f": waiting | {"regionCode": "640221"}}))["cases"]["edges"]
    assert [e["node"]["deceased"]["name"] for e in county] == [chosen[2]["name"]]
    elsewhere = graphql.as_(gateway.token("clerk", "staff-05", "--region", "6401"))
    assert (await elsewhere(QUEUE, {"f": waiting}))["cases"]["totalCount"] == 0
    bad = await clerk.post(QUEUE, {"f": {"regionCode": "64x"}})
    assert "regionCode" in bad.json()["errors"][0]["message"]

    approved = (await clerk(REVIEW, {"id": queue[0]["id"], "d": "APPROVE"}))["reviewCase"]
    assert approved["errors"] == [] and approved["case"]["status"] == "IN_PROGRESS"
    family = applicant_of(gateway, graphql, chosen[0])
    assert (await completed_with_papers(family, queue[0]["id"]))["status"] == "COMPLETED"
    assert await sent_for(http, gateway, cases[1]["reference"]) == {}
