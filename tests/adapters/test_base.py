"""The transport policy, once, against the shared base client (respx at the transport)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import respx

from adapters.base import AgencyClient, RetryPolicy
from adapters.breaker import CircuitBreaker
from adapters.contract import Accepted, Completed, ItemRequest, Outcome, Records, Rejected, ResultData
from adapters.errors import AgencyBadAnswer, AgencyUnavailable, CircuitOpen
from adapters.kinds import Agency, ItemKind
from adapters.spec import Call
from mocks.people import population
from tests.adapters.items import item_request

BASE = "http://agency.test/fake"
FAST = RetryPolicy(attempts=3, max_seconds=5.0, initial_wait=0.001, max_wait=0.002, max_retry_after=1.0)


class FakeSpec:
    AGENCY = Agency.HRSS
    SLUG = "fake"
    TIMEOUT_SECONDS = 1.0

    def records_call(self, id_number: str) -> Call:
        return Call("GET", f"/people/{id_number}")

    def records(self, body: Any) -> Records:
        return Records(self.AGENCY, True, frozenset(), name=body["name"])

    def submit_call(self, request: ItemRequest) -> Call:
        return Call("POST", "/items", json={"item": request.item_id})

    def submit_outcome(self, request: ItemRequest, body: Any) -> Outcome:
        return Accepted(body["ref"])

    def status_call(self, kind: ItemKind, reference: str) -> Call:
        return Call("GET", f"/items/{reference}")

    def status_outcome(self, kind: ItemKind, body: Any) -> Outcome:
        return Completed(body["ref"], ResultData(body["summary"]))

    def refusal_reason(self, body: Any) -> str:
        return str(body["reason"])


@pytest.fixture
async def router() -> AsyncIterator[respx.MockRouter]:
    async with respx.mock(base_url=BASE, assert_all_called=False) as mocked:
        yield mocked


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


def make_client(http: httpx.AsyncClient, breaker: CircuitBreaker | None = None) -> AgencyClient:
    return AgencyClient(FakeSpec(), BASE, http, breaker or CircuitBreaker(), FAST)


REQUEST = item_request(population()[0], ItemKind.FUNERAL_GRANT, key="key-42")
ACCEPTED = httpx.Response(200, json={"ref": "RS-1"})


@pytest.mark.parametrize(
    "fault",
    [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.Response(503), httpx.Response(502)],
    ids=["connect-error", "timeout", "503", "502"],
)
async def test_transient_fault_is_retried_then_succeeds(
    fault: Exception | httpx.Response, router: respx.MockRouter, http: httpx.AsyncClient
) -> None:
    route = router.post("/items").mock(side_effect=[fault, ACCEPTED])

    outcome = await make_client(http).submit(REQUEST)

    assert outcome == Accepted("RS-1")
    assert route.call_count == 2


async def test_rate_limit_waits_as_long_as_retry_after_says(router: respx.MockRouter, http: httpx.AsyncClient) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "0.2"})
    route = router.post("/items").mock(side_effect=[limited, ACCEPTED])

    started = time.monotonic()
    outcome = await make_client(http).submit(REQUEST)

    assert outcome == Accepted("RS-1")
    assert route.call_count == 2
    assert time.monotonic() - started >= 0.2


async def test_client_error_is_a_rejection_and_is_not_retried(
    router: respx.MockRouter, http: httpx.AsyncClient
) -> None:
    route = router.post("/items").mock(return_value=httpx.Response(422, json={"reason": "收款账户户名不一致"}))

    outcome = await make_client(http).submit(REQUEST)

    assert outcome == Rejected("收款账户户名不一致")
    assert route.call_count == 1


async def test_exhausted_retries_raise_agency_unavailable(router: respx.MockRouter, http: httpx.AsyncClient) -> None:
    route = router.post("/items").mock(return_value=httpx.Response(503))

    with pytest.raises(AgencyUnavailable) as raised:
        await make_client(http).submit(REQUEST)

    assert route.call_count == FAST.attempts
    assert (raised.value.agency, raised.value.attempts, raised.value.status_code) == (Agency.HRSS, 3, 503)


async def test_circuit_opens_after_repeated_failures_and_stops_calling(
    router: respx.MockRouter, http: httpx.AsyncClient
) -> None:
    route = router.post("/items").mock(return_value=httpx.Response(503))
    client = make_client(http, CircuitBreaker(failure_threshold=2, reset_after_seconds=60))
    for _ in range(2):
        with pytest.raises(AgencyUnavailable):
            await client.submit(REQUEST)
    calls = route.call_count

    with pytest.raises(CircuitOpen):
        await client.submit(REQUEST)

    assert route.call_count == calls
    assert client.breaker.is_open


@pytest.mark.parametrize(
    "answer",
    [httpx.Response(200, content=b'{"ref": "RS-'), httpx.Response(200, text="<html>502 Bad Gateway</html>")],
    ids=["truncated-json", "html"],
)
async def test_malformed_body_is_a_bad_answer(
    answer: httpx.Response, router: respx.MockRouter, http: httpx.AsyncClient
) -> None:
    router.post("/items").mock(return_value=answer)

    with pytest.raises(AgencyBadAnswer):
        await make_client(http).submit(REQUEST)


async def test_unmappable_body_is_a_bad_answer(router: respx.MockRouter, http: httpx.AsyncClient) -> None:
    router.get("/items/RS-1").mock(return_value=httpx.Response(200, json={"unexpected": True}))

    with pytest.raises(AgencyBadAnswer, match="KeyError"):
        await make_client(http).status(ItemKind.FUNERAL_GRANT, "RS-1")


async def test_idempotency_key_is_sent_on_every_try(router: respx.MockRouter, http: httpx.AsyncClient) -> None:
    route = router.post("/items").mock(side_effect=[httpx.Response(503), httpx.ConnectError("reset"), ACCEPTED])

    await make_client(http).submit(REQUEST)

    assert [call.request.headers["Idempotency-Key"] for call in route.calls] == ["key-42"] * 3


async def test_records_not_found_is_an_answer_not_an_error(router: respx.MockRouter, http: httpx.AsyncClient) -> None:
    router.get("/people/640104199901019994").mock(return_value=httpx.Response(404))

    records = await make_client(http).records("640104199901019994")

    assert records == Records(Agency.HRSS, found=False, facts=frozenset())


async def test_status_reads_do_not_carry_an_idempotency_key(router: respx.MockRouter, http: httpx.AsyncClient) -> None:
    route = router.get("/items/RS-1").mock(return_value=httpx.Response(200, json={"ref": "RS-1", "summary": "办结"}))

    outcome = await make_client(http).status(ItemKind.FUNERAL_GRANT, "RS-1")

    assert outcome == Completed("RS-1", ResultData("办结"))
    assert "Idempotency-Key" not in route.calls.last.request.headers
