"""Token buckets per caller (token subject) and per client address, for the operations that cost:
every mutation, the queries that fan out or scan (`eligibility` asks all eleven agencies, `cases`
pages through the table, `statistics` aggregates every item in its range), and each `verifyCertificate` (one guess at a code, however aliased).
Over the limit: HTTP 429 with Retry-After; over the WebSocket, the operation's error
(schema/live_tokens.py asks `RateLimits.wait` per subscribe message).

What an operation costs is read from the operation the executor will run (gateway/edge/preflight.py
parsed it once, fragments expanded), so no spelling of a request hides its work.

The buckets live in this process. With N replicas behind a load balancer each replica counts on
its own (a caller gets up to N times the rate); a shared store (Redis, PostgreSQL) would be
needed for one global limit — see docs/SECURITY.md. The client address is the ASGI scope's
`client`: uvicorn rewrites it from X-Forwarded-For only when the peer is one of
GATEWAY_TRUSTED_PROXIES (gateway/__main__.py), so the limiter and the server make one decision.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from graphql import OperationType
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.edge.operation import Operation
from gateway.edge.preflight import preflight_of
from gateway.security.tokens import Principal
from gateway.settings import Settings

log = logging.getLogger("gateway.http")
COSTLY_QUERIES = frozenset({"eligibility", "cases", "statistics"})  # statistics: aggregates over a year of items
GUESSES = frozenset({"verifyCertificate"})  # each occurrence is one more guess at a code
MAX_BUCKETS = 100_000  # memory bound: the least recently used bucket goes first


@dataclass
class Buckets:
    per_minute: float
    burst: int
    clock: Callable[[], float] = time.monotonic
    _state: OrderedDict[str, tuple[float, float]] = field(default_factory=OrderedDict)

    def take(self, key: str, count: int = 1) -> float:
        """0 when `count` tokens were taken; otherwise seconds until they would be there."""
        now, rate = self.clock(), self.per_minute / 60
        tokens, then = self._state.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * rate)
        wait = 0.0 if tokens >= count else (count - tokens) / rate
        self._state[key] = (tokens - count if wait == 0 else tokens, now)
        if len(self._state) > MAX_BUCKETS:
            self._state.popitem(last=False)
        return wait


@lru_cache(maxsize=1024)  # an operation is shared by every request of its text (gateway/edge/operation.py)
def cost_of(operation: Operation | None) -> int:
    """Tokens an operation takes: one if it writes or scans, plus one per certificate guess."""
    if operation is None:
        return 0  # it will not run: the endpoint refuses it
    if not operation.readable:
        return 1  # too deeply nested to read here: priced as costly, and validation will refuse it
    costly = operation.kind == OperationType.MUTATION or not COSTLY_QUERIES.isdisjoint(operation.roots)
    return int(costly) + sum(operation.occurrences(name) for name in GUESSES)


@dataclass
class RateLimits:
    settings: Settings
    subjects: Buckets
    addresses: Buckets

    @classmethod
    def of(cls, settings: Settings, clock: Callable[[], float] = time.monotonic) -> RateLimits:
        subjects = Buckets(settings.rate_per_subject_per_minute, settings.rate_burst_per_subject, clock)
        return cls(
            settings, subjects, Buckets(settings.rate_per_address_per_minute, settings.rate_burst_per_address, clock)
        )

    def wait(self, address: str, principal: Principal | None, operation: Operation | None) -> float:
        """0 when the operation may run now (or costs nothing); otherwise seconds to wait."""
        count = cost_of(operation)
        if count == 0 or not self.settings.rate_limits:
            return 0.0
        waits = [self.addresses.take(f"addr:{address}", count)]
        if principal is not None:  # verified: an unverified subject would let anyone drain a victim's bucket
            waits.append(self.subjects.take(f"sub:{principal.role.value}:{principal.subject}", count))
        return max(waits)


def client_address(scope: Scope) -> str:
    return str((scope.get("client") or ("unknown", 0))[0])


def refusal_message(wait: float, request_id: str) -> tuple[int, str]:
    """Seconds to wait and what the client reads; the refusal is logged as the client's, at INFO."""
    seconds = max(1, math.ceil(wait))
    log.info("client error RATE_LIMITED: retry after %ss [request %s]", seconds, request_id)
    return seconds, f"请求过于频繁，请 {seconds} 秒后再试 (rate limit: retry after {seconds}s)"


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limits: RateLimits) -> None:
        self.app, self.limits = app, limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        flight = preflight_of(scope) if scope["type"] == "http" else None
        if flight is not None:
            wait = self.limits.wait(client_address(scope), flight.principal, flight.operation)
            if wait > 0:
                await _too_many(send, wait, str(scope.get("state", {}).get("request_id", "-")))
                return
        await self.app(scope, receive, send)


async def _too_many(send: Send, wait: float, request_id: str) -> None:
    seconds, message = refusal_message(wait, request_id)
    body = json.dumps(
        {"errors": [{"message": message, "extensions": {"code": "RATE_LIMITED", "requestId": request_id}}]},
        ensure_ascii=False,
    )
    headers = [(b"content-type", b"application/json"), (b"retry-after", str(seconds).encode())]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body.encode()})
