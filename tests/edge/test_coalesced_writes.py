"""What a connection writes in one turn of the loop reaches the socket in one write
(gateway/edge/coalesced_writes.py), and the gateway's HTTP protocol answers through it."""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.server import ServerState

from gateway.edge.coalesced_writes import FLUSH_AT, CoalescedWrites
from gateway.edge.slow_clients import with_read_deadline


class Recording(asyncio.Transport):
    """A socket's transport that notes each call made of it, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, bytes]] = []
        self.closing = False
        self.protocol: asyncio.BaseProtocol | None = None

    def write(self, data: Any) -> None:
        self.calls.append(("write", bytes(data)))

    def close(self) -> None:
        self.calls.append(("close", b""))
        self.closing = True

    def write_eof(self) -> None:
        self.calls.append(("eof", b""))

    def abort(self) -> None:
        self.calls.append(("abort", b""))
        self.closing = True

    def is_closing(self) -> bool:
        return self.closing

    def get_write_buffer_size(self) -> int:
        return 0

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self.protocol = protocol

    def get_protocol(self) -> asyncio.BaseProtocol:
        assert self.protocol is not None
        return self.protocol

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 5555), "sockname": ("127.0.0.1", 80)}.get(name, default)


async def a_turn_later() -> None:
    await asyncio.sleep(0)  # one turn of the loop: the callbacks scheduled in this one have run


async def test_the_writes_of_one_turn_reach_the_socket_as_one_write_when_the_turn_ends() -> None:
    socket = Recording()
    writes = CoalescedWrites(socket, asyncio.get_running_loop())
    writes.write(b"HTTP/1.1 200 OK\r\n\r\n")
    writes.write(bytearray(b"{}"))
    assert socket.calls == [] and writes.get_write_buffer_size() == 21
    await a_turn_later()
    assert socket.calls == [("write", b"HTTP/1.1 200 OK\r\n\r\n{}")] and writes.get_write_buffer_size() == 0
    writes.write(b"next")
    await a_turn_later()
    assert socket.calls[1:] == [("write", b"next")]


async def test_closing_ending_or_aborting_writes_what_is_pending_first() -> None:
    for end, name in ((CoalescedWrites.close, "close"), (CoalescedWrites.write_eof, "eof"),
                      (CoalescedWrites.abort, "abort")):  # fmt: skip
        socket = Recording()
        writes = CoalescedWrites(socket, asyncio.get_running_loop())
        writes.writelines([b"a", b"b"])
        end(writes)
        await a_turn_later()
        assert socket.calls == [("write", b"ab"), (name, b"")]


async def test_a_large_body_goes_out_at_once_so_flow_control_sees_it() -> None:
    socket = Recording()
    writes = CoalescedWrites(socket, asyncio.get_running_loop())
    writes.write(b"head")
    writes.write(b"x" * FLUSH_AT)
    assert socket.calls == [("write", b"head" + b"x" * FLUSH_AT)]
    await a_turn_later()
    assert len(socket.calls) == 1


async def test_what_is_pending_when_the_peer_has_gone_is_dropped() -> None:
    socket = Recording()
    writes = CoalescedWrites(socket, asyncio.get_running_loop())
    writes.write(b"answer")
    socket.closing = True  # the connection was lost before the turn ended
    await a_turn_later()
    assert socket.calls == []


async def answer(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"{}"})


async def test_the_gateway_protocol_sends_an_answer_head_and_body_in_one_write() -> None:
    config = uvicorn.Config(answer, log_config=None, access_log=False, date_header=False)
    config.load()
    protocol = with_read_deadline(20.0, 16 * 1024)(config, ServerState(), {}, asyncio.get_running_loop())
    socket = Recording()
    socket.set_protocol(protocol)
    protocol.connection_made(socket)
    protocol.data_received(b"GET /healthz HTTP/1.1\r\nHost: gateway.test\r\n\r\n")
    deadline = asyncio.get_running_loop().time() + 5
    while not socket.calls and asyncio.get_running_loop().time() < deadline:
        await a_turn_later()
    assert len(socket.calls) == 1
    kind, sent = socket.calls[0]
    assert kind == "write" and sent.startswith(b"HTTP/1.1 200 OK\r\n") and sent.endswith(b"\r\n\r\n{}")
    protocol.connection_lost(None)
