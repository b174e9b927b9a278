"""A minimal graphql-transport-ws client, as a mobile app would speak it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.client import ClientConnection, connect


class Subscription:
    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket

    async def next(self, within: float = 10.0) -> dict[str, Any]:
        """The next message for our operation (`next`, `error` or `complete`), skipping pings."""
        async with asyncio.timeout(within):
            while True:
                message = json.loads(await self.socket.recv())
                if message["type"] == "ping":
                    await self.socket.send(json.dumps({"type": "pong"}))
                elif message["type"] != "pong":
                    return message  # type: ignore[no-any-return]


@asynccontextmanager
async def subscribe(url: str, token: str, query: str, variables: dict[str, Any]) -> AsyncIterator[Subscription]:
    async with connect(url, subprotocols=["graphql-transport-ws"]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
        ack = json.loads(await socket.recv())
        assert ack["type"] == "connection_ack", ack
        payload = {"query": query, "variables": variables}
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        yield Subscription(socket)
