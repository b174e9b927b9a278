"""A token's life on an open WebSocket (graphql-transport-ws): it ends when the token does.

A socket outlives the request that opened it, so the token is held to its `exp` on every message
the client sends and on every result we push, and a timer set to the expiry closes the socket with
4401 even when nothing is said (the timer is work the token scheduled, not a poll). The client
reconnects with a fresh token.
"""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import suppress

from strawberry.subscriptions.protocols.graphql_transport_ws.types import Message

from gateway.security.tokens import Principal
from schema.live_limits import BoundedSubscriptions

log = logging.getLogger("gateway.http")
EXPIRED = 4401  # graphql-transport-ws's "Unauthorized"
REASON = "token expired"


class TokenBoundHandler(BoundedSubscriptions):  # and a bounded number of subscriptions (schema/live_limits.py)
    _expiry: asyncio.Task[None] | None = None
    _closed = False

    async def handle(self) -> None:
        self._arm()  # a token in the upgrade request's Authorization header
        await super().handle()

    async def handle_message(self, message: Message) -> None:
        if self._expired():
            await self._close()
            return
        await super().handle_message(message)
        self._arm()  # a token in connection_init

    async def send_message(self, message: Message) -> None:
        if message["type"] == "next" and self._expired():
            await self._close()
            return
        await super().send_message(message)

    async def shutdown(self) -> None:
        if self._expiry is not None and self._expiry is not asyncio.current_task():
            self._expiry.cancel()
            with suppress(asyncio.CancelledError):
                await self._expiry
        await super().shutdown()

    def _expired(self) -> bool:
        principal = self.context.principal
        leeway = self.context.services.settings.jwt_leeway_seconds
        return principal is not None and principal.expired(time.time(), leeway)

    def _arm(self) -> None:
        principal = self.context.principal
        if self._expiry is None and principal is not None and principal.expires_at is not None:
            self._expiry = asyncio.create_task(self._close_at_expiry(principal))

    async def _close_at_expiry(self, principal: Principal) -> None:
        assert principal.expires_at is not None
        ends = principal.expires_at + self.context.services.settings.jwt_leeway_seconds
        await asyncio.sleep(max(0.0, ends - time.time()))
        await self._close()

    async def _close(self) -> None:
        if self._closed:
            return
        self._closed = True
        log.info("websocket closed %s: %s [request %s]", EXPIRED, REASON, self.context.request_id)
        await self.websocket.close(code=EXPIRED, reason=REASON)
