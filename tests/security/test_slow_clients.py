"""Idle, silent and slow clients cannot hold a connection to the real `python -m gateway serve` open."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from websockets.asyncio.client import connect

from tests.support.processes import Running, running_gateway

KEEP_ALIVE, READ = 1, 2  # seconds, short for the test; production defaults are 5 and 20
WITHIN = 10.0  # the deadline the server must close by, with room for a busy machine
GET = b"GET /healthz HTTP/1.1\r\nHost: gateway.test\r\n\r\n"


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    settings = {"GATEWAY_HTTP_KEEP_ALIVE_SECONDS": str(KEEP_ALIVE), "GATEWAY_HTTP_REQUEST_READ_SECONDS": str(READ)}
    with running_gateway(tmp_path_factory.mktemp("slow"), GATEWAY_SERVE_MOCKS="false", **settings) as running:
        yield running


async def closed_after(gateway: Running, send: bytes) -> tuple[bytes, float]:
    """Connect, send `send`, then read until the server closes; what came back and how long it took."""
    address = urlsplit(gateway.url)
    reader, writer = await asyncio.open_connection(address.hostname, address.port)
    started = time.monotonic()
    try:
        writer.write(send)
        await writer.drain()
        received = await asyncio.wait_for(reader.read(-1), WITHIN)  # -1: until end of stream, i.e. closed
        return received, time.monotonic() - started
    finally:
        writer.close()


async def test_an_idle_keep_alive_connection_is_closed_after_the_keep_alive_timeout(gateway: Running) -> None:
    received, took = await closed_after(gateway, GET)
    assert received.startswith(b"HTTP/1.1 200") and b"connection: close" not in received.lower()
    assert KEEP_ALIVE - 0.5 <= took < KEEP_ALIVE + 3  # the setting, not uvicorn's default of 5 s


async def test_a_connection_that_never_sends_a_request_is_closed(gateway: Running) -> None:
    received, took = await closed_after(gateway, b"")
    assert received == b"" and READ - 0.5 <= took < WITHIN


async def test_headers_that_never_end_are_cut_off(gateway: Running) -> None:
    received, took = await closed_after(gateway, b"GET /healthz HTTP/1.1\r\nHost: gateway.test\r\nX-Slow: ")
    assert received == b"" and READ - 0.5 <= took < WITHIN


async def test_a_body_that_never_arrives_whole_is_cut_off(gateway: Running) -> None:
    head = (
        b"POST /graphql HTTP/1.1\r\nHost: gateway.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    )
    received, took = await closed_after(gateway, head + b'{"query": ')
    assert not received.startswith(b"HTTP/1.1 5") and READ - 0.5 <= took < WITHIN


async def test_unfinished_headers_past_the_size_limit_are_refused_without_waiting(gateway: Running) -> None:
    """The 400 goes out before the head ends, and the rest the client sends is dropped, not left
    unread: a socket closed with unread data is reset, and a reset can take the answer with it."""
    huge = b"GET /healthz HTTP/1.1\r\nHost: gateway.test\r\nX-Big: " + b"a" * (64 * 1024)
    for _ in range(5):  # a reset is a race: try it more than once
        received, took = await closed_after(gateway, huge)
        assert received.startswith(b"HTTP/1.1 400") and took < READ


async def test_a_websocket_outlives_the_request_deadline(gateway: Running) -> None:
    """The deadline is for a request arriving; a socket upgraded from one is the WebSocket's to keep."""
    url = gateway.url.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=["graphql-transport-ws"]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        await asyncio.sleep(READ + 1)  # time itself is what is tested: past the request deadline
        await socket.send(json.dumps({"type": "ping"}))
        assert json.loads(await asyncio.wait_for(socket.recv(), WITHIN))["type"] == "pong"


async def test_a_request_whose_head_and_body_arrive_together_is_answered(gateway: Running) -> None:
    """A head counted toward the limit ends with the chunk that ends it: a large body is not head."""
    body = json.dumps({"query": "{ __typename }", "padding": "x" * (64 * 1024)}).encode()
    head = f"POST /graphql HTTP/1.1\r\nHost: gateway.test\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    received, _took = await closed_after(gateway, head.encode() + body)
    assert received.startswith(b"HTTP/1.1 200"), received[:200]


async def test_an_oversize_body_sent_whole_gets_its_413_not_a_reset(gateway: Running) -> None:
    """The refusal drains what the client already sent: a closed socket with unread data is reset,
    and a reset can take the answer with it."""
    body = b'{"query": "' + b"x" * (768 * 1024) + b'"}'  # three times the 256 KiB limit
    head = f"POST /graphql HTTP/1.1\r\nHost: gateway.test\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    for _ in range(5):  # a reset is a race: try it more than once
        received, _took = await closed_after(gateway, head.encode() + body)
        assert received.startswith(b"HTTP/1.1 413"), received[:200]
