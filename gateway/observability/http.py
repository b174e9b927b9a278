"""Each HTTP request and WebSocket, observed: its request id in every log line written meanwhile."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.observability.context import log_fields


class ObserveRequests:
    """Sits inside RequestIdMiddleware, which puts the request id in the scope's state."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        with log_fields(request_id=str(scope.get("state", {}).get("request_id", "")) or None):
            await self.app(scope, receive, send)
