"""Answering a repeated status query from memory, never stale and never another caller's answer.

A cached answer is keyed by the exact request (caller's token, Accept, document, variables) and the day
in China (`overdue` depends on it). It remembers the version of every case it read; it is reused
only while one SQL query confirms each of those cases is still at that version. Only queries
whose root fields read one case first (`case`, `caseByReference`) are cached; answers with
errors, or that read no case, are not. Tokens are checked again on every hit.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections import OrderedDict
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.clock import china_date
from gateway.errors import Unauthenticated
from gateway.security.tokens import principal_from_token
from gateway.services import Services
from gateway.store.versions import case_versions
from schema.accounting import account_cached

# `node` is left out: it may read an item before its case, and the case version would not cover it.
CACHEABLE_ROOTS = frozenset({"case", "caseByReference"})
MAX_BODY = 64 * 1024
_read: ContextVar[dict[str, int] | None] = ContextVar("cases_read", default=None)


def note_case_read(case_id: str, version: int) -> None:
    """Called for every Case the schema builds, so a cached answer knows what it depends on."""
    seen = _read.get()
    if seen is not None:
        seen[case_id] = version


@dataclass(frozen=True)
class Answer:
    versions: dict[str, int]
    headers: list[tuple[bytes, bytes]]
    body: bytes


@lru_cache(maxsize=512)
def cacheable_document(query: str, operation_name: str | None) -> bool:
    try:
        document = parse(query)
    except GraphQLError:
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if operation_name is None or (o.name and o.name.value == operation_name)]
    if len(chosen) != 1 or chosen[0].operation != OperationType.QUERY:
        return False
    roots = [getattr(s, "name", None) for s in chosen[0].selection_set.selections]
    return all(r is not None and r.value in CACHEABLE_ROOTS for r in roots)


def _request_fields(body: bytes) -> tuple[str, str | None] | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("query"), str):
        return None
    name = data.get("operationName")
    return data["query"], name if isinstance(name, str) else None


class ResponseCache:
    def __init__(self, app: ASGIApp, maxsize: int = 4096) -> None:
        self.app = app
        self.maxsize = maxsize
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._inflight: dict[str, asyncio.Future[None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        replay = _replayer(body, receive)
        services: Services | None = scope.get("state", {}).get("services")
        fields = _request_fields(body) if services is not None and len(body) <= MAX_BODY else None
        if services is None or fields is None or not cacheable_document(*fields):
            await self.app(scope, replay, send)
            return
        authorization = dict(scope["headers"]).get(b"authorization", b"")
        if not _token_still_valid(services, authorization):
            await self.app(scope, replay, send)
            return
        accept = dict(scope["headers"]).get(b"accept", b"")  # the media type answered depends on it
        day = str(china_date(services.clock())).encode()
        key = hashlib.sha256(b"|".join((authorization, accept, day, body))).hexdigest()
        if await self._served_from_memory(services, scope, key, send, authorization, fields):
            return
        leader = self._inflight.get(key)
        if leader is not None:  # the same question is being answered now: wait for it, not the database
            await asyncio.wait([leader])
            if await self._served_from_memory(services, scope, key, send, authorization, fields):
                return
        done = asyncio.get_running_loop().create_future()
        self._inflight[key] = done
        try:
            await self._answer_and_remember(scope, replay, send, key)
        finally:
            self._inflight.pop(key, None)
            done.set_result(None)

    async def _served_from_memory(
        self,
        services: Services,
        scope: Scope,
        key: str,
        send: Send,
        authorization: bytes,
        fields: tuple[str, str | None],
    ) -> bool:
        if not await self._answer_from_memory(services, key, send):
            return False
        # A reply from memory is still a read of those cases by this caller: the access log counts it.
        versions = self._answers.get(key, Answer({}, [], b"")).versions
        await account_cached(services, scope, authorization, list(versions), *fields)
        return True

    async def _answer_from_memory(self, services: Services, key: str, send: Send) -> bool:
        answer = self._answers.get(key)
        if answer is None:
            return False
        ids = list(answer.versions)
        current = await services.versions.current(ids) if services.versions else await case_versions(services.db, ids)
        if current != answer.versions:
            self._answers.pop(key, None)
            return False
        self._answers.move_to_end(key)
        await send({"type": "http.response.start", "status": 200, "headers": answer.headers})
        await send({"type": "http.response.body", "body": answer.body})
        return True

    async def _answer_and_remember(self, scope: Scope, receive: Receive, send: Send, key: str) -> None:
        seen: dict[str, int] = {}
        token = _read.set(seen)
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            _read.reset(token)
        body = b"".join(chunks)
        if start.get("status") == 200 and seen and b'"errors"' not in body:
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"x-request-id"]
            self._answers[key] = Answer(dict(seen), headers, body)
            if len(self._answers) > self.maxsize:
                self._answers.popitem(last=False)


def _token_still_valid(services: Services, authorization: bytes) -> bool:
    if not authorization:
        return True
    scheme, _, token = authorization.decode("latin-1").partition(" ")
    try:
        principal_from_token(services.settings, token.strip())
    except Unauthenticated:
        return False
    return scheme.lower() == "bearer"


async def _read_body(receive: Receive) -> bytes:
    chunks, more = [], True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replayer(body: bytes, original: Receive) -> Receive:
    """The body once, then whatever the client does next (a disconnect, eventually)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()

    return receive
