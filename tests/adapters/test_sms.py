"""The SMS adapter under the one transport policy: a key per notice, retries for faults only."""

from __future__ import annotations

import httpx
import pytest
import respx

from adapters.breaker import CircuitBreaker
from adapters.errors import SmsRefused, SmsUnavailable
from adapters.sms import Sms, SmsClient
from adapters.transport import RetryPolicy

BASE = "http://sms.test/duanxin"
QUICK = RetryPolicy(attempts=3, max_seconds=2, initial_wait=0.001, max_wait=0.002)
SMS = Sms(key="notice-1", phone="13954121870", text="【身后一件事】申请已受理")


def client(http: httpx.AsyncClient, breaker: CircuitBreaker | None = None) -> SmsClient:
    return SmsClient(BASE, http, breaker or CircuitBreaker(), QUICK)


@respx.mock
async def test_a_sent_message_returns_its_id_and_every_try_carries_the_notices_key() -> None:
    route = respx.post(f"{BASE}/api/v1/messages").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json={"code": "0", "msgId": "DX1"})]
    )
    async with httpx.AsyncClient() as http:
        assert await client(http).send(SMS) == "DX1"
    assert [c.request.headers["Idempotency-Key"] for c in route.calls] == ["notice-1", "notice-1"]
    assert route.calls[0].request.read() == route.calls[1].request.read()


@respx.mock
async def test_a_refusal_is_not_retried() -> None:
    route = respx.post(f"{BASE}/api/v1/messages").mock(
        return_value=httpx.Response(400, json={"code": "isv.MOBILE_NUMBER_ILLEGAL", "msg": "非法手机号"})
    )
    async with httpx.AsyncClient() as http:
        with pytest.raises(SmsRefused, match="非法手机号"):
            await client(http).send(SMS)
    assert route.call_count == 1


@respx.mock
async def test_an_outage_outlasting_the_retries_is_unavailable_and_opens_the_circuit() -> None:
    route = respx.post(f"{BASE}/api/v1/messages").mock(return_value=httpx.Response(503))
    breaker = CircuitBreaker(failure_threshold=1, reset_after_seconds=30)
    async with httpx.AsyncClient() as http:
        with pytest.raises(SmsUnavailable) as outage:
            await client(http, breaker).send(SMS)
        assert outage.value.retry_in_seconds is None and route.call_count == QUICK.attempts
        with pytest.raises(SmsUnavailable) as cooling:
            await client(http, breaker).send(SMS)
    assert cooling.value.retry_in_seconds is not None and route.call_count == QUICK.attempts


@respx.mock
async def test_an_unreadable_answer_is_unavailable_so_the_same_key_is_tried_again() -> None:
    respx.post(f"{BASE}/api/v1/messages").mock(return_value=httpx.Response(200, text="{garbled"))
    async with httpx.AsyncClient() as http:
        with pytest.raises(SmsUnavailable):
            await client(http).send(SMS)
