"""The HTTP edge: a request id on every request, and errors answered as JSON, never as a trace.

Every refusal has one shape, the GraphQL response shape, so a client parses one thing:
`{"errors": [{"message": "中文 (English)", "extensions": {"code": "...", "requestId": "..."}}]}`.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import re
import secrets
from collections.abc import Mapping

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.observability.context import LogFields

log = logging.getLogger("gateway.http")
REQUEST_ID_HEADER = b"x-request-id"
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
JSON = "application/json"

# Said when whatever answered (routing, a middleware) gave only a status: code and 中文 (English).
STATUS_MEANINGS: dict[int, tuple[str, str]] = {
    400: ("BAD_REQUEST", "请求格式错误 (bad request)"),
    401: ("UNAUTHENTICATED", "需要有效的令牌 (a valid bearer token is required)"),
    403: ("FORBIDDEN", "无权访问 (forbidden)"),
    404: ("NOT_FOUND", "地址不存在 (not found: GraphQL is served at /graphql)"),
    405: ("METHOD_NOT_ALLOWED", "不支持该请求方法，请使用 GET 或 POST (method not allowed: use GET or POST)"),
    406: ("NOT_ACCEPTABLE", "无法提供所要求的媒体类型 (not acceptable)"),
    413: ("PAYLOAD_TOO_LARGE", "请求体过大 (request body too large)"),
    415: ("UNSUPPORTED_MEDIA_TYPE", "请使用 application/json (unsupported media type: send application/json)"),
    429: ("RATE_LIMITED", "请求过于频繁，请稍后再试 (too many requests: slow down)"),
    500: ("INTERNAL_SERVER_ERROR", "服务器内部错误，请稍后再试 (internal server error)"),
}


class _RequestIds:
    """32 hex digits, unique across processes and restarts: a random prefix per process, an `f`,
    then a count. The `f` keeps the count's run of digits short and apart from the prefix's, so log
    redaction never takes a request id for an identity number (18 digits) and masks it. uuid4 asked
    the kernel for randomness on every request: a tenth of what a cached answer costs."""

    def __init__(self) -> None:
        self.renew()
        os.register_at_fork(after_in_child=self.renew)  # a forked worker must not repeat its parent's ids

    def renew(self) -> None:
        self.prefix, self.counter = secrets.token_hex(8), itertools.count()

    def __call__(self) -> str:
        return f"{self.prefix}f{next(self.counter):015x}"


new_request_id = _RequestIds()


def request_id_of(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID_HEADER:
            candidate = value.decode("latin-1")
            if SANE_ID.match(candidate):
                return str(candidate)
    return new_request_id()


def scope_request_id(scope: Scope) -> str:
    return str(scope.get("state", {}).get("request_id", "-"))


def error_body(message: str, code: str, request_id: str) -> dict[str, object]:
    return {"errors": [{"message": message, "extensions": {"code": code, "requestId": request_id}}]}


def error_response(
    status: int,
    code: str,
    message: str,
    request_id: str,
    *,
    media_type: str = JSON,
    headers: Mapping[str, str] | None = None,
) -> Response:
    content = json.dumps(error_body(message, code, request_id), ensure_ascii=False, separators=(",", ":"))
    return Response(content, status, headers=headers, media_type=f"{media_type}; charset=utf-8")


def status_response(status: int, request_id: str, headers: Mapping[str, str] | None = None) -> Response:
    code, message = STATUS_MEANINGS.get(status, (f"HTTP_{status}", f"请求失败 (HTTP {status})"))
    return error_response(status, code, message, request_id, headers=headers)


class RequestIdMiddleware:
    """Gives each HTTP request and WebSocket its id: in the scope's state, on the answer, and in
    every log line written meanwhile (gateway/observability/context.py)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        # A copy: a server may hand every request the same lifespan state dict (asgi-lifespan does).
        scope["state"] = {**scope.get("state", {}), "request_id": request_id}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((REQUEST_ID_HEADER, request_id.encode()))
            await send(message)

        with LogFields(request_id=request_id):
            await self.app(scope, receive, send_with_id)


class JSONErrorsMiddleware:
    """Plain-text error pages (routing's 404 and 405, anything else's) become the JSON error shape,
    and an exception that escapes the app is logged with the request id, answered without a trace."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rewriter = _PlainErrorRewriter(scope, send)
        try:
            await self.app(scope, receive, rewriter.send)
        except Exception:  # the last line of defence: the log keeps the detail, the client gets an id
            request_id = scope_request_id(scope)
            log.exception("unhandled error in %s %s [request %s]", scope["method"], scope["path"], request_id)
            if rewriter.started:
                raise
            await status_response(500, request_id)(scope, receive, send)


class _PlainErrorRewriter:
    def __init__(self, scope: Scope, send: Send) -> None:
        self.scope, self.downstream = scope, send
        self.started = False
        self.held: Message | None = None  # the start of a plain-text error, replaced once its body is in

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            if _is_plain_error(message):
                self.held = message
                return
        elif self.held is not None and message["type"] == "http.response.body":
            if message.get("more_body", False):
                return
            await self._send_json_instead(self.held)
            return
        await self.downstream(message)

    async def _send_json_instead(self, start: Message) -> None:
        kept = {
            k.decode("latin-1"): v.decode("latin-1")
            for k, v in start.get("headers", [])
            if k.lower() not in (b"content-type", b"content-length")
        }
        response = status_response(start["status"], scope_request_id(self.scope), kept)
        await self.downstream(
            {"type": "http.response.start", "status": response.status_code, "headers": response.raw_headers}
        )
        await self.downstream({"type": "http.response.body", "body": response.body})


def _is_plain_error(start: Message) -> bool:
    if start["status"] < 400:
        return False
    content_type = dict(start.get("headers", [])).get(b"content-type", b"")
    return bool(content_type.startswith(b"text/plain"))
