"""Token buckets per caller (token subject) and per client address, for the requests that cost:
every mutation, and the queries that fan out or scan (`eligibility` asks all eleven agencies,
`cases` pages through the table). Over the limit: HTTP 429 with Retry-After.

The buckets live in this process. With N replicas behind a load balancer each replica counts on
its own (a caller gets up to N times the rate); a shared store (Redis, PostgreSQL) would be
needed for one global limit — see docs/SECURITY.md. Behind a proxy, run uvicorn with
--proxy-headers so the client address is the caller's, not the proxy's.
"""

from __future__ import annotations

import json
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qs

from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.errors import Unauthenticated
from gateway.security.tokens import principal_from_token
from gateway.settings import Settings

COSTLY_QUERIES = frozenset({"eligibility", "cases"})
MAX_BUCKETS = 100_000  # memory bound: the least recently used bucket goes first
MAX_PARSE_TOKENS = 5000


@dataclass
class Buckets:
    per_minute: float
    burst: int
    clock: Callable[[], float] = time.monotonic
    _state: OrderedDict[str, tuple[float, float]] = field(default_factory=OrderedDict)

    def take(self, key: str) -> float:
        """0 when a token was taken; otherwise seconds until one will be there."""
        now, rate = self.clock(), self.per_minute / 60
        tokens, then = self._state.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / rate
        self._state[key] = (tokens - 1 if wait == 0 else tokens, now)
        if len(self._state) > MAX_BUCKETS:
            self._state.popitem(last=False)
        return wait


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

    def wait(self, address: str, authorization: str | None) -> float:
        waits = [self.addresses.take(f"addr:{address}")]
        if (subject := self._subject(authorization)) is not None:
            waits.append(self.subjects.take(f"sub:{subject}"))
        return max(waits)

    def _subject(self, authorization: str | None) -> str | None:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        try:  # verified: an unverified subject would let anyone drain a victim's bucket
            principal = principal_from_token(self.settings, token.strip())
        except Unauthenticated:
            return None
        return f"{principal.role.value}:{principal.subject}"


@lru_cache(maxsize=1024)  # clients repeat the same few documents; parsing each time is the cost
def is_costly(query: str) -> bool:
    try:
        document = parse(query, no_location=True, max_tokens=MAX_PARSE_TOKENS)
    except GraphQLError:
        return False  # the endpoint will refuse it anyway
    for d in document.definitions:
        if isinstance(d, OperationDefinitionNode):
            roots = {s.name.value for s in d.selection_set.selections if isinstance(s, FieldNode)}
            if d.operation == OperationType.MUTATION or roots & COSTLY_QUERIES:
                return True
    return False


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limits: RateLimits) -> None:
        self.app, self.limits = app, limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.limits.settings.rate_limits:
            await self.app(scope, receive, send)
            return
        body = await _body(receive) if scope["method"] == "POST" else b""
        query = _query_of(scope, body)
        if query is not None and is_costly(query):
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
            address = (scope.get("client") or ("unknown", 0))[0]
            if (wait := self.limits.wait(address, headers.get("authorization"))) > 0:
                await _too_many(send, wait, str(scope.get("state", {}).get("request_id", "-")))
                return
        await self.app(scope, _replay(body, receive) if scope["method"] == "POST" else receive, send)


def _query_of(scope: Scope, body: bytes) -> str | None:
    if scope["method"] == "GET":
        values: list[str] = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("query", [])
        return values[0] if values else None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than the parser goes
        return None
    return data.get("query") if isinstance(data, dict) and isinstance(data.get("query"), str) else None


async def _body(receive: Receive) -> bytes:
    chunks, more = [], True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


async def _too_many(send: Send, wait: float, request_id: str) -> None:
    seconds = max(1, math.ceil(wait))
    message = f"请求过于频繁，请 {seconds} 秒后再试 (rate limit: retry after {seconds}s)"
    body = json.dumps(
        {"errors": [{"message": message, "extensions": {"code": "RATE_LIMITED", "requestId": request_id}}]},
        ensure_ascii=False,
    )
    headers = [(b"content-type", b"application/json"), (b"retry-after", str(seconds).encode())]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body.encode()})
