"""Silent and slow clients cannot hold a connection: a request must arrive whole within a deadline.

uvicorn closes a connection idle *between* requests (`timeout_keep_alive`), but a connection that
never sends a byte, or sends its headers or body a byte at a time, stays open for ever: a few
hundred of them exhaust the server. This protocol gives each request `read_seconds` from its first
byte (or from the connection's opening) until its last byte; then the connection is closed and one
INFO line says so. It also bounds a request's head: httptools (llhttp) keeps no limit of its own,
so headers past `max_head_bytes` are answered 400 before they end, and what the client still sends
is read and dropped (up to a bound, within the deadline) until it leaves: a socket closed with
unread data in it is reset, and the reset could take the 400 with it before the client read it.

It is uvicorn's httptools protocol, not h11: h11 parses in Python and costs a cached answer more
than everything else it does (scripts/bench_status.py shows both ceilings). What it writes in one
turn of the loop leaves in one write (coalesced_writes.py).
"""

from __future__ import annotations

import asyncio
import logging

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from gateway.edge.coalesced_writes import CoalescedWrites

log = logging.getLogger(__name__)
HEAD_TOO_LARGE = b"Request head too large"
DROP_FACTOR = 4  # past this many times the head limit, a reset is the price of a huge head


class RequestDeadline(HttpToolsProtocol):
    read_seconds = 20.0
    max_head_bytes = 16 * 1024
    _deadline: asyncio.TimerHandle | None = None
    _in_head = True  # what arrives next belongs to a request's head; otherwise to its body
    _head_bytes = 0  # of the head now arriving
    _head_ended = False  # in the chunk being read
    _dropping: int | None = None  # refused: bytes still to read and drop before closing

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(CoalescedWrites(transport, self.loop))  # an answer's head and body in one write
        self._arm()  # a connection that never speaks is the cheapest way to hold one

    def data_received(self, data: bytes) -> None:
        if self._dropping is not None:
            self._drop(len(data))
            return
        self._head_ended = False
        super().data_received(data)
        if self.transport.is_closing() or self.transport.get_protocol() is not self:
            self._disarm()  # closed, or a WebSocket now (its own protocol keeps it)
            return
        if self._in_head and not self._head_ended:
            self._head_bytes += len(data)  # the whole chunk belongs to the head that has not ended
            if self._head_bytes > self.max_head_bytes:
                self._refuse_head()
                return
        if not self._in_head or self._head_bytes > 0:  # a body, or a head, begun and not whole
            self._arm()
        else:  # whole (the app has it) or idle between requests (uvicorn's keep-alive timeout)
            self._disarm()

    def _refuse_head(self) -> None:
        """uvicorn's 400, but the connection is half-closed, not closed: the client reads the
        answer and its end, and leaves; until then what it sends is dropped."""
        head = [
            STATUS_LINE[400],
            *(name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers),
        ]
        head += [b"content-type: text/plain; charset=utf-8\r\n", b"content-length: %d\r\n" % len(HEAD_TOO_LARGE)]
        self.transport.write(b"".join([*head, b"connection: close\r\n\r\n", HEAD_TOO_LARGE]))
        self._dropping = DROP_FACTOR * self.max_head_bytes
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self._disarm()
        self._arm()  # a client that neither stops sending nor leaves is closed at the deadline

    def _drop(self, size: int) -> None:
        self._dropping = (self._dropping or 0) - size
        if self._dropping < 0:
            self.transport.close()

    def on_headers_complete(self) -> None:
        self._in_head, self._head_bytes, self._head_ended = False, 0, True
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._in_head, self._head_bytes, self._head_ended = True, 0, True
        super().on_message_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.read_seconds, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            client = "%s:%d" % self.client if self.client else "-"  # noqa: UP031 (a tuple, as uvicorn keeps it)
            log.info("closed a connection from %s: no complete request within %ss", client, self.read_seconds)
            self.transport.close()


def with_read_deadline(seconds: float, max_head_bytes: int) -> type[RequestDeadline]:
    """uvicorn builds its protocol from a class: one with this deadline and head limit."""
    attributes = {"read_seconds": seconds, "max_head_bytes": max_head_bytes}
    return type("RequestDeadlineProtocol", (RequestDeadline,), attributes)
