"""Once per request, at the edge: the body read within its limit, the GraphQL request and its
document parsed, the operation chosen, the bearer token verified. What lies behind (the rate
limiter, the response cache, the GraphQL view) reads the result from the request's state and
reads, parses and verifies nothing again.

Bodies over the limit are refused with 413 before anything parses them: a declared Content-Length
at once, a body that streams past the limit (chunked, or lying about its length) as soon as it
does. Starlette's own `max_body_size` (RequestBodyLimitMiddleware) is not used: it answers in plain
text without naming the limit, and signals an overlong body by raising a private exception out of
`receive`, which this module would have to catch by its private name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict, cast

from graphql import DocumentNode
from starlette.datastructures import FormData
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.edge.graphql_request import GraphQLRequest, Problem, Refused, from_get, from_post
from gateway.edge.middleware import error_response, scope_request_id
from gateway.edge.multipart import check_preflight_header, from_multipart, is_multipart
from gateway.edge.operation import Operation, document_and_operation
from gateway.edge.persisted import PersistedOperations
from gateway.errors import Unauthenticated
from gateway.security.tokens import Principal, principal_from_token
from gateway.services import Services
from gateway.settings import Settings

Heads = dict[bytes, bytes]  # a request's headers by (lower-case) name, the first of each


@dataclass
class Preflight:
    """A GraphQL request as the edge understood it; `problem` says why it is not one."""

    body: bytes = b""
    request: GraphQLRequest | None = None
    problem: Problem | None = None
    document: DocumentNode | None = None  # None: it does not parse (strawberry reports why)
    operation: Operation | None = None  # None: no document, or no operation by that name
    principal: Principal | None = None
    token_problem: str | None = None  # why the bearer token was refused
    cases_read: dict[str, int] = field(default_factory=dict)  # case id: version, as the resolvers record
    form: FormData | None = None  # a multipart request's parts: its uploaded files, closed after the response
    headers: Heads = field(default_factory=dict)  # by (lower-case) name, the first of each: what the edge read


class RequestState(TypedDict, total=False):
    """What the edge keeps in a request's scope["state"] (Starlette's typed `request.state`)."""

    request_id: str
    services: Services  # the lifespan's
    preflight: Preflight


def preflight_of(scope: Scope) -> Preflight | None:
    state: RequestState = scope.get("state", {})
    return state.get("preflight")


def bearer(value: str | None) -> str | None:
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class BodyTooLarge(Exception):
    pass


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_tokens: int  # the schema's own token limit: what parses here parses there
    graphql_path: str
    max_upload_bytes: int  # a multipart request's whole body (its files and its operations)
    max_upload_files: int


class PreflightMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings, max_tokens: int) -> None:
        self.app, self.settings = app, settings
        self.limits = Limits(
            settings.max_body_bytes,
            max_tokens,
            settings.graphql_path.rstrip("/"),
            settings.max_upload_total_bytes,
            settings.max_upload_files,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        heads = _headers(scope)
        limit = self._limit(scope, heads)
        try:
            if _declared_length(heads) > limit:
                raise BodyTooLarge
            if scope["path"].rstrip("/") != self.limits.graphql_path or scope["method"] not in ("GET", "POST"):
                await self.app(scope, receive, send)
                return
            body, left = await self._body(scope, receive, limit)
        except BodyTooLarge:
            await self._refuse(scope, heads, receive, send, limit)
            return
        flight = None
        if left is None:
            state = cast(RequestState, dict(scope.get("state", {})))  # a copy: lifespan state may be shared
            services = state.get("services")
            flight = await self.understood(scope, body, heads, services.persisted if services else None)
            state["preflight"] = flight
            scope["state"] = state
        try:
            await self.app(scope, _replaying(body, left, receive) if scope["method"] == "POST" else receive, send)
        finally:
            if flight is not None and flight.form is not None:
                await flight.form.close()  # the spooled files: gone with the request

    def _limit(self, scope: Scope, heads: Heads) -> int:
        """Uploads have their own, larger limit, and only where they are taken: POSTs to GraphQL."""
        uploading = (
            scope["type"] == "http" and scope["method"] == "POST" and is_multipart(_text(heads, b"content-type"))
        )
        graphql = scope["path"].rstrip("/") == self.limits.graphql_path
        return self.limits.max_upload_bytes if uploading and graphql else self.limits.max_bytes

    async def understood(
        self, scope: Scope, body: bytes, heads: Heads, persisted: PersistedOperations | None = None
    ) -> Preflight:
        form = None
        try:
            if scope["method"] == "GET":
                request = from_get(scope["query_string"])
            elif is_multipart(content_type := _text(heads, b"content-type")):
                check_preflight_header(heads)
                request, form = await from_multipart(content_type or "", body, self.limits.max_upload_files)
            else:
                request = from_post(content_type, body)
            if persisted is not None:
                request = persisted.resolve(request)  # a hash becomes its document, before anything parses
        except Refused as refused:
            if form is not None:
                await form.close()
            return Preflight(body, problem=refused.problem, headers=heads)
        flight = Preflight(body, request, form=form, headers=heads)
        flight.document, flight.operation = document_and_operation(
            request.query, self.limits.max_tokens, request.operation_name
        )
        token = bearer(_text(heads, b"authorization"))
        try:
            flight.principal = principal_from_token(self.settings, token) if token else None
        except Unauthenticated as exc:
            flight.token_problem = str(exc)
        return flight

    async def _body(self, scope: Scope, receive: Receive, limit: int) -> tuple[bytes, Message | None]:
        """The whole body, or what came before the client left (and the message saying so)."""
        if scope["method"] != "POST":
            return b"", None
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks), message
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge
            chunks.append(chunk)
            more = message.get("more_body", False)
        return b"".join(chunks), None

    async def _refuse(self, scope: Scope, heads: Heads, receive: Receive, send: Send, limit: int) -> None:
        kib = limit // 1024
        message = f"请求体超过 {kib} KiB 上限 (request body over the {kib} KiB limit: send less, or split the work)"
        response = error_response(413, "PAYLOAD_TOO_LARGE", message, scope_request_id(scope))
        response.headers["connection"] = "close"  # the rest of the body is not read
        if not _expects_continue(heads):
            await _drain(receive, DRAIN_FACTOR * limit)
        await response(scope, receive, send)


def _headers(scope: Scope) -> Heads:
    return dict(reversed(scope.get("headers", [])))  # reversed: the first of a repeated header wins


def _text(heads: Heads, name: bytes) -> str | None:
    value = heads.get(name)
    return None if value is None else value.decode("latin-1")


DRAIN_FACTOR = 4


async def _drain(receive: Receive, at_most: int) -> None:
    """Read and drop what the client is still sending, up to a bound, before answering.

    A connection closed with unread data in it is reset, and a reset can take the 413 with it
    before the client reads it: a client uploading a file it should not have would see a broken
    connection instead of the reason. Past the bound the reset is the price of a huge body.
    A client that asked `Expect: 100-continue` has sent nothing yet, and is not asked to.
    """
    drained, more = 0, True
    while more and drained <= at_most:
        message = await receive()
        if message["type"] != "http.request":
            return
        drained += len(message.get("body", b""))
        more = message.get("more_body", False)


def _expects_continue(heads: Heads) -> bool:
    return heads.get(b"expect", b"").lower() == b"100-continue"


def _declared_length(heads: Heads) -> int:
    try:
        return int(heads.get(b"content-length") or 0)
    except ValueError:
        return 0  # uvicorn (h11/httptools) already refuses a malformed length


def _replaying(body: bytes, left: Message | None, receive: Receive) -> Receive:
    """The body as one message (or the client's leaving), then whatever the client does next."""
    messages: list[Message] = [left] if left is not None else [{"type": "http.request", "body": body}]

    async def replay() -> Message:
        return messages.pop(0) if messages else await receive()

    return replay
