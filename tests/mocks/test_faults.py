"""Faults staged through the admin API, per agency."""

from __future__ import annotations

import time

import httpx
import pytest

HEALTH = "/weijian/health"


async def put_fault(http: httpx.AsyncClient, agency: str, **fault: object) -> httpx.Response:
    return await http.put(f"/admin/faults/{agency}", json=fault)


async def test_an_outage_answers_every_call_with_503(mocks_http: httpx.AsyncClient) -> None:
    await put_fault(mocks_http, "HEALTH", outage=True)

    answers = [await mocks_http.get(HEALTH) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [503] * 3


async def test_a_fault_touches_only_its_own_agency(mocks_http: httpx.AsyncClient) -> None:
    await put_fault(mocks_http, "HEALTH", outage=True)

    assert (await mocks_http.get("/gongan/health")).status_code == 200
    assert (await mocks_http.get("/healthz")).status_code == 200


async def test_a_rate_limit_answers_429_with_retry_after(mocks_http: httpx.AsyncClient) -> None:
    await put_fault(mocks_http, "HRSS", rateLimit=True, retryAfter=3)

    answer = await mocks_http.get("/renshe/health")

    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "3"


async def test_a_failure_rate_fails_about_that_share_of_calls(mocks_http: httpx.AsyncClient) -> None:
    await put_fault(mocks_http, "JUSTICE", failureRate=0.5)

    codes = [(await mocks_http.get("/sifa/health")).status_code for _ in range(60)]

    assert set(codes) == {200, 503}
    assert 15 <= codes.count(503) <= 45


async def test_a_malformed_answer_is_not_json(mocks_http: httpx.AsyncClient) -> None:
    await put_fault(mocks_http, "VETERANS_AFFAIRS", malformed=True)

    answer = await mocks_http.get("/tuiyi/health")

    assert answer.status_code == 200
    with pytest.raises(ValueError):
        answer.json()


async def test_a_slow_agency_really_takes_that_long(mocks_http: httpx.AsyncClient) -> None:
    await put_fault(mocks_http, "CIVIL_AFFAIRS", slowSeconds=0.2)

    started = time.monotonic()
    answer = await mocks_http.get("/minzheng/health")

    assert answer.status_code == 200
    assert time.monotonic() - started >= 0.2


async def test_faults_are_listed_and_cleared(mocks_http: httpx.AsyncClient) -> None:
    await put_fault(mocks_http, "HEALTH", outage=True)
    await put_fault(mocks_http, "HRSS", duplicateCallback=True)

    listed = (await mocks_http.get("/admin/faults")).json()
    await mocks_http.delete("/admin/faults/HEALTH")

    assert listed["HEALTH"]["outage"] and listed["HRSS"]["duplicateCallback"]
    assert set((await mocks_http.get("/admin/faults")).json()) == {"HRSS"}
    assert (await mocks_http.get(HEALTH)).status_code == 200


async def test_reset_clears_every_fault(mocks_http: httpx.AsyncClient) -> None:
    await put_fault(mocks_http, "HEALTH", outage=True)

    await mocks_http.post("/admin/reset")

    assert (await mocks_http.get("/admin/faults")).json() == {}
    assert (await mocks_http.get(HEALTH)).status_code == 200


@pytest.mark.parametrize(
    ("agency", "fault", "status"),
    [("NOBODY", {"outage": True}, 404), ("HEALTH", {"explode": True}, 400), ("HEALTH", {"failureRate": 2}, 400)],
    ids=["unknown-agency", "unknown-field", "rate-above-one"],
)
async def test_a_nonsensical_fault_is_refused(
    agency: str, fault: dict[str, object], status: int, mocks_http: httpx.AsyncClient
) -> None:
    answer = await mocks_http.put(f"/admin/faults/{agency}", json=fault)

    assert answer.status_code == status
