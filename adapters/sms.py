"""The SMS gateway (短信平台) that tells the family of each milestone: its endpoint and field mapping,
over the same transport policy as the agencies (`adapters.transport`).

The notice's id is the idempotency key on every try, so a retried or re-run notice is sent once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from adapters.breaker import CircuitBreaker
from adapters.errors import SmsRefused, SmsUnavailable
from adapters.spec import Call
from adapters.transport import Cooling, RetryPolicy, Transport, Unreachable

NAME = "SMS"  # how metrics and traces label the calls
SLUG = "duanxin"  # where the embedded mock is mounted
TIMEOUT_SECONDS = 5.0
SIGNATURE = "宁夏政务服务"  # the registered sender signature (短信签名) carriers require


@dataclass(frozen=True)
class Sms:
    key: str  # the notice's id: the idempotency key
    phone: str
    text: str


def send_call(sms: Sms) -> Call:
    return Call("POST", "/api/v1/messages", json={"mobile": sms.phone, "sign": SIGNATURE, "content": sms.text})


def message_id(body: Any) -> str:
    """What the gateway calls the message it accepted ("msgId")."""
    if not isinstance(body, dict) or body.get("code") != "0" or not isinstance(body.get("msgId"), str):
        raise ValueError("unexpected answer")
    return str(body["msgId"])


def refusal_reason(body: Any) -> str:
    if isinstance(body, dict) and isinstance(body.get("msg"), str):
        return f"短信平台拒绝发送：{body['msg']}"
    return "短信平台拒绝发送"


class SmsClient:
    def __init__(self, base_url: str, http: httpx.AsyncClient, breaker: CircuitBreaker, policy: RetryPolicy) -> None:
        self._transport = Transport(NAME, base_url, http, breaker, policy, TIMEOUT_SECONDS)
        self.breaker = breaker

    async def send(self, sms: Sms) -> str:
        """The SMS gateway's message id; `SmsUnavailable` (try later) or `SmsRefused` (give up)."""
        try:
            response = await self._transport.send(send_call(sms), key=sms.key)
        except Cooling as cooling:
            raise SmsUnavailable(cooling.detail, cooling.retry_in_seconds) from None
        except Unreachable as fault:
            raise SmsUnavailable(fault.detail) from None
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.is_client_error:
            raise SmsRefused(refusal_reason(body))
        try:
            return message_id(body)
        except ValueError:
            # Sent or not, a repeat with the same key is safe: the gateway sends a key once.
            raise SmsUnavailable("应答无法识别 (unreadable answer)") from None
