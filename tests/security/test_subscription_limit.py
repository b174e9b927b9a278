"""One WebSocket holds a bounded number of subscriptions: the extra `subscribe` is refused with a
GraphQL error (code, Chinese message); the socket and its other subscriptions carry on."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from mocks.people import as_json, population
from tests.support.client import SUBMIT, GraphQL, application_for
from tests.support.processes import running_gateway

LIMIT = 3
FOLLOW = "subscription($id: ID!) { caseUpdated(caseId: $id) { id version } }"


async def received(socket: ClientConnection, within: float = 10.0) -> dict[str, Any]:
    """The next message that is not a ping or pong."""
    async with asyncio.timeout(within):
        while True:
            message: dict[str, Any] = json.loads(await socket.recv())
            if message["type"] not in ("ping", "pong"):
                return message


async def start(socket: ClientConnection, operation_id: str, case_id: str) -> None:
    payload = {"query": FOLLOW, "variables": {"id": case_id}}
    await socket.send(json.dumps({"id": operation_id, "type": "subscribe", "payload": payload}))


async def test_subscriptions_past_the_limit_are_refused_and_the_others_carry_on(tmp_path: Path) -> None:
    settings = {"GATEWAY_MAX_SUBSCRIPTIONS_PER_CONNECTION": str(LIMIT), "GATEWAY_DISPATCHER": "false"}
    with running_gateway(tmp_path, GATEWAY_SERVE_MOCKS="false", **settings) as gateway:
        admin = gateway.token("admin", "ops")
        async with httpx.AsyncClient() as http:
            form = application_for(as_json(population()[0]))
            body = await GraphQL(http, gateway.graphql, admin)(SUBMIT, {"input": form, "key": "limit-1"})
        case_id = body["submitApplication"]["case"]["id"]
        async with connect(gateway.graphql.replace("http", "ws", 1), subprotocols=["graphql-transport-ws"]) as socket:  # type: ignore[list-item]
            await socket.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {admin}"}}))
            assert (await received(socket))["type"] == "connection_ack"
            for n in range(1, LIMIT + 1):
                await start(socket, str(n), case_id)
                assert (await received(socket)) == {"id": str(n), "type": "next", "payload": {"data": {
                    "caseUpdated": {"id": case_id, "version": 1}}}}  # fmt: skip
            await start(socket, "extra", case_id)
            refused = await received(socket)
            await socket.send(json.dumps({"id": "1", "type": "complete"}))  # one ends: room for another
            await start(socket, "after", case_id)
            accepted = await received(socket)
    assert refused["id"] == "extra" and refused["type"] == "error"
    (error,) = refused["payload"]
    assert error["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS" and error["extensions"]["requestId"]
    assert f"最多同时订阅 {LIMIT} 项" in error["message"]
    assert accepted["id"] == "after" and accepted["type"] == "next"
    log = (tmp_path / "gateway.log").read_text()
    assert "client error TOO_MANY_SUBSCRIPTIONS" in log and "Traceback" not in log
