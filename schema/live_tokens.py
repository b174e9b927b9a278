"""A token's life on an open WebSocket (graphql-transport-ws): it ends when the token does; and
each operation subscribed over it pays into the same rate limits as one sent over HTTP.

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

from gateway.edge.operation import Operation, document_and_operation
from gateway.edge.persisted import NOT_IN_LIST
from gateway.edge.ratelimit import RateLimits, refusal_message
from gateway.security.tokens import Principal
from schema import MAX_TOKENS
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
        refusable = message["type"] == "subscribe" and self.connection_acknowledged
        if refusable and (await self._untrusted(message) or await self._over_limit(message)):
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

    async def _over_limit(self, message: Message) -> bool:
        """Over the caller's or the address's limit: the operation ends with RATE_LIMITED, the socket stays."""
        limits: RateLimits | None = getattr(self.view, "limits", None)  # the endpoint's (schema/http.py)
        wait = limits.wait(self.context.address, self.context.principal, _operation(message)) if limits else 0
        if wait <= 0:
            return False
        _, text = refusal_message(wait, self.context.request_id)
        await self.refuse_operation(str(message.get("id")), "RATE_LIMITED", text)
        return True

    async def _untrusted(self, message: Message) -> bool:
        """Where only the app's registered operations run, a socket runs no other (gateway/edge/persisted.py)."""
        payload = message.get("payload")
        query = payload.get("query") if isinstance(payload, dict) else None
        if not isinstance(query, str) or self.context.services.persisted.allows(query):
            return False
        log.info("client error %s over the websocket [request %s]", NOT_IN_LIST.code, self.context.request_id)
        await self.refuse_operation(str(message.get("id")), NOT_IN_LIST.code, NOT_IN_LIST.message)
        return True

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


def _operation(message: Message) -> Operation | None:
    payload = message.get("payload")
    query = payload.get("query") if isinstance(payload, dict) else None
    name = payload.get("operationName") if isinstance(payload, dict) else None
    if not isinstance(query, str):
        return None
    return document_and_operation(query, MAX_TOKENS, name if isinstance(name, str) else None)[1]
