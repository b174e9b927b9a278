"""Answering a repeated status query from memory, never stale and never another caller's answer.

A cached answer is keyed by the exact request (caller's token, Accept, body) and the day in China
(`overdue` depends on it). It remembers the version of every case it showed (the resolvers record
them: the preflight's `cases_read`); it is reused only while one SQL query confirms each of those
cases is still at that version. Only queries whose root fields all read one case (`case`,
`caseByReference`) are cached; answers with errors, or that read no case, are not. The token was
verified again by the preflight on this very request, hit or miss.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from graphql import OperationType
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.clock import china_date
from gateway.edge.preflight import Preflight, RequestState, preflight_of
from gateway.security import accesslog
from gateway.services import Services

# `node` is left out: it may read an item before its case, and the case version would not cover it.
CACHEABLE_ROOTS = frozenset({"case", "caseByReference"})
MAX_BODY = 64 * 1024


@dataclass(frozen=True)
class Answer:
    versions: dict[str, int]
    headers: list[tuple[bytes, bytes]]
    body: bytes


def cacheable(flight: Preflight) -> bool:
    operation = flight.operation
    if flight.token_problem is not None or operation is None or operation.kind != OperationType.QUERY:
        return False
    return len(flight.body) <= MAX_BODY and bool(operation.roots) and CACHEABLE_ROOTS.issuperset(operation.roots)


class ResponseCache:
    def __init__(self, app: ASGIApp, maxsize: int = 4096) -> None:
        self.app = app
        self.maxsize = maxsize
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._inflight: dict[str, asyncio.Future[None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        flight = preflight_of(scope) if scope["type"] == "http" and scope["method"] in ("GET", "POST") else None
        state: RequestState = scope.get("state", {})
        services = state.get("services")
        if flight is None or services is None or not cacheable(flight):
            await self.app(scope, receive, send)
            return
        headers = flight.headers  # the media type answered depends on Accept; the caller, on the first Authorization
        day = str(china_date(services.clock())).encode()
        asked = flight.body or b"?" + scope["query_string"]  # a GET (a persisted query's hash) asks in its URL
        parts = (headers.get(b"authorization", b""), headers.get(b"accept", b""), day, asked)
        key = hashlib.sha256(b"|".join(parts)).hexdigest()
        if await self._served_from_memory(services, scope, key, send, flight):
            return
        leader = self._inflight.get(key)
        if leader is not None:  # the same question is being answered now: wait for it, not the database
            await asyncio.wait([leader])
            if await self._served_from_memory(services, scope, key, send, flight):
                return
        done = asyncio.get_running_loop().create_future()
        self._inflight[key] = done
        try:
            await self._answer_and_remember(scope, receive, send, key, flight)
        finally:
            self._inflight.pop(key, None)
            done.set_result(None)

    async def _served_from_memory(
        self, services: Services, scope: Scope, key: str, send: Send, flight: Preflight
    ) -> bool:
        if not await self._answer_from_memory(services, key, send):
            return False
        # A reply from memory is still a read of those cases by this caller: the access log counts it.
        versions = self._answers.get(key, Answer({}, [], b"")).versions
        if flight.principal is not None and flight.operation is not None:
            request_id = str(scope.get("state", {}).get("request_id", "-"))
            label = flight.operation.label()
            await accesslog.record(
                services,
                flight.principal,
                list(versions),
                action=accesslog.READ,
                operation=label,
                request_id=request_id,
            )
        return True

    async def _answer_from_memory(self, services: Services, key: str, send: Send) -> bool:
        answer = self._answers.get(key)
        if answer is None:
            return False
        if await services.case_versions(list(answer.versions)) != answer.versions:
            self._answers.pop(key, None)
            return False
        self._answers.move_to_end(key)
        await send({"type": "http.response.start", "status": 200, "headers": answer.headers})
        await send({"type": "http.response.body", "body": answer.body})
        return True

    async def _answer_and_remember(
        self, scope: Scope, receive: Receive, send: Send, key: str, flight: Preflight
    ) -> None:
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        body, seen = b"".join(chunks), flight.cases_read
        if start.get("status") == 200 and seen and b'"errors"' not in body:
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"x-request-id"]
            self._answers[key] = Answer(dict(seen), headers, body)
            if len(self._answers) > self.maxsize:
                self._answers.popitem(last=False)
