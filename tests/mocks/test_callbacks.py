"""Call-back agencies report outcomes to the gateway's GraphQL endpoint with their own token."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import respx

from mocks.config import MockConfig
from mocks.people import population
from tests.mocks.waiting import eventually

GATEWAY = "http://gateway.test/graphql"
RETIREE = next(p for p in population() if p.pension and p.pension.monthly and p.payout.account_name == p.applicant.name)


@pytest.fixture
def config() -> MockConfig:
    return MockConfig(gateway_graphql_url=GATEWAY, time_scale=0.02, latency_ms=(0, 2))


@pytest.fixture
async def gateway() -> AsyncIterator[respx.Route]:
    async with respx.mock(assert_all_called=False) as router:
        yield router.post(GATEWAY).mock(return_value=httpx.Response(200, json={"data": {}}))


def claim(account_name: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "ywlx": "SZBZ",
        "aac002": RETIREE.id_number,
        "aac003": RETIREE.name,
        "swzmbh": "YXZM-TEST",
        "sqr": {"aac003": RETIREE.applicant.name, "aac002": RETIREE.applicant.id_number},
        "skzh": {"khyh": "中国银行", "hm": account_name or RETIREE.applicant.name, "zh": "6222000011112222333"},
        "wbywid": "Item:42",
    } | extra


async def file_claim(http: httpx.AsyncClient, form: dict[str, Any], token: str | None = "tok-hrss") -> str:
    if token:
        await http.post("/admin/tokens", json={"HRSS": token})
    answer = await http.post("/renshe/si/v1/applications", json=form, headers={"Idempotency-Key": "k-1"})
    return str(answer.json()["body"]["ywlsh"])


async def callbacks(http: httpx.AsyncClient) -> dict[str, int]:
    return dict((await http.get("/admin/callbacks")).json())


def sent(route: respx.Route, index: int = 0) -> Any:
    return json.loads(route.calls[index].request.content)


async def test_a_completed_claim_is_reported_with_the_status_body(
    mocks_http: httpx.AsyncClient, gateway: respx.Route
) -> None:
    reference = await file_claim(mocks_http, claim())

    await eventually(lambda: gateway.called)

    request, body = gateway.calls[0].request, sent(gateway)
    assert request.headers["Authorization"] == "Bearer tok-hrss"
    assert "reportItemOutcome(itemId: $id, outcome: $o)" in body["query"]
    assert body["variables"]["id"] == "Item:42"
    outcome = body["variables"]["o"]
    assert (outcome["completed"], outcome["agencyReference"]) == (True, reference)
    assert outcome["result"] == (await mocks_http.get(f"/renshe/si/v1/applications/{reference}")).json()
    assert outcome["result"]["body"]["jg"]["sfje"] == "7200.00"


async def test_a_rejection_is_reported_with_its_reason(mocks_http: httpx.AsyncClient, gateway: respx.Route) -> None:
    reference = await file_claim(mocks_http, claim(account_name=RETIREE.name))

    await eventually(lambda: gateway.called)

    outcome = sent(gateway)["variables"]["o"]
    assert outcome["agencyReference"] == reference
    assert "不一致" in outcome["rejectionReason"]
    assert "completed" not in outcome


async def test_the_call_back_url_in_the_request_wins(mocks_http: httpx.AsyncClient, gateway: respx.Route) -> None:
    async with respx.mock(assert_all_called=False) as router:
        elsewhere = router.post("http://other.test/graphql").mock(return_value=httpx.Response(200))
        await file_claim(mocks_http, claim(hdurl="http://other.test/graphql"))

        await eventually(lambda: elsewhere.called)

    assert not gateway.called


async def test_without_a_token_there_is_no_call_back(mocks_http: httpx.AsyncClient, gateway: respx.Route) -> None:
    reference = await file_claim(mocks_http, claim(), token=None)

    async def done() -> bool:
        state = (await mocks_http.get(f"/renshe/si/v1/applications/{reference}")).json()["body"]["blzt"]
        return state == "02" and (await callbacks(mocks_http))["pending"] == 0

    await eventually(done)
    assert not gateway.called


async def test_a_duplicate_call_back_fault_sends_it_twice(mocks_http: httpx.AsyncClient, gateway: respx.Route) -> None:
    await mocks_http.put("/admin/faults/HRSS", json={"duplicateCallback": True})

    await file_claim(mocks_http, claim())

    await eventually(lambda: gateway.call_count == 2)
    assert sent(gateway, 0) == sent(gateway, 1)


async def test_a_failed_call_back_is_retried(mocks_http: httpx.AsyncClient, gateway: respx.Route) -> None:
    gateway.side_effect = [httpx.Response(502), httpx.ConnectError("gateway restarting"), httpx.Response(200)]

    await file_claim(mocks_http, claim())

    await eventually(lambda: gateway.call_count == 3)
    await eventually(lambda: _delivered(mocks_http))


async def _delivered(http: httpx.AsyncClient) -> bool:
    return (await callbacks(http))["delivered"] == 1


async def test_a_gateway_that_stays_down_is_given_up_on_without_harm(
    mocks_http: httpx.AsyncClient, gateway: respx.Route
) -> None:
    gateway.side_effect = httpx.ConnectError("down")

    await file_claim(mocks_http, claim())

    async def abandoned() -> bool:
        return (await callbacks(mocks_http))["abandoned"] == 1

    await eventually(abandoned)
    assert gateway.call_count == 4
    assert (await mocks_http.get("/renshe/health")).status_code == 200
