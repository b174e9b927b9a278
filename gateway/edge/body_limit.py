"""A ceiling on request bodies: refused with 413 before anything parses them.

A declared Content-Length over the limit is refused at once; a body that streams past the limit
(chunked, or lying about its length) is refused as soon as it does. A body within the limit is
read once and handed on unchanged, so everything behind this middleware sees at most `max_bytes`.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.edge.middleware import error_response, scope_request_id


class BodyTooLarge(Exception):
    pass


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            if _declared_length(scope) > self.max_bytes:
                raise BodyTooLarge
            replay = await self._buffered(receive)
        except BodyTooLarge:
            await self._refuse(scope, receive, send)
            return
        await self.app(scope, replay, send)

    async def _buffered(self, receive: Receive) -> Receive:
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return _replaying([message], receive)  # the client left: let the app see it
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise BodyTooLarge
            chunks.append(chunk)
            more = message.get("more_body", False)
        return _replaying([{"type": "http.request", "body": b"".join(chunks), "more_body": False}], receive)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        kib = self.max_bytes // 1024
        message = f"请求体超过 {kib} KiB 上限 (request body over the {kib} KiB limit: send less, or split the work)"
        response = error_response(413, "PAYLOAD_TOO_LARGE", message, scope_request_id(scope))
        response.headers["connection"] = "close"  # the rest of the body is not read
        await response(scope, receive, send)


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0  # uvicorn (h11/httptools) already refuses a malformed length
    return 0


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    async def replay() -> Message:
        return messages.pop(0) if messages else await receive()

    return replay
