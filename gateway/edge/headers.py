"""Security headers and the Date on every HTTP response, and no caching of what /graphql answers.

GraphQL answers carry personal data: a shared cache or a browser's back button must not keep
them (Cache-Control: no-store). The rest stops a browser from sniffing types, framing us
(clickjacking) or leaking the URL to other sites. The one HTML page, GraphiQL (development only),
brings its own content policy (schema/graphiql.py); everything else gets the API's.
"""

from __future__ import annotations

import time
from email.utils import formatdate

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALWAYS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
API_POLICY = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
NO_STORE = (b"cache-control", b"no-store")


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, graphql_path: str = "/graphql", hsts: bool = False) -> None:
        self.app, self.graphql_path = app, graphql_path
        self.extra = [(b"strict-transport-security", b"max-age=31536000")] if hsts else []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        on_graphql = scope["path"].rstrip("/") == self.graphql_path.rstrip("/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control" or not on_graphql
                ]
                headers += ALWAYS + self.extra
                # uvicorn's own Date needs it to wake every 0.1 s (gateway/__main__.py); HTTP wants one.
                headers.append((b"date", _http_date()))
                if not _is_html(headers):
                    headers.append(API_POLICY)
                if on_graphql:
                    headers.append(NO_STORE)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class _HttpDate:
    """The Date header, formatted once a second: it names the second, and formatting costs a hit."""

    second, value = -1, b""

    def __call__(self) -> bytes:
        now = int(time.time())
        if now != self.second:
            self.second, self.value = now, formatdate(now, usegmt=True).encode()
        return self.value


_http_date = _HttpDate()


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)
