"""Silent and slow clients cannot hold a connection: a request must arrive whole within a deadline.

uvicorn closes a connection idle *between* requests (`timeout_keep_alive`), but a connection that
never sends a byte, or sends its headers or body a byte at a time, stays open for ever: a few
hundred of them exhaust the server. This protocol gives each request `read_seconds` from its first
byte (or from the connection's opening) until its last byte; then the connection is closed and one
INFO line says so. It also bounds a request's head: httptools (llhttp) keeps no limit of its own,
so headers past `max_head_bytes` are answered 400 and the connection closed, before they end.

It is uvicorn's httptools protocol, not h11: h11 parses in Python and costs a cached answer more
than everything else it does (scripts/bench_status.py shows both ceilings).
"""

from __future__ import annotations

import asyncio
import logging

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger(__name__)


class RequestDeadline(HttpToolsProtocol):
    read_seconds = 20.0
    max_head_bytes = 16 * 1024
    _deadline: asyncio.TimerHandle | None = None
    _in_head = True  # what arrives next belongs to a request's head; otherwise to its body
    _head_bytes = 0  # of the head now arriving
    _head_ended = False  # in the chunk being read

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()  # a connection that never speaks is the cheapest way to hold one

    def data_received(self, data: bytes) -> None:
        self._head_ended = False
        super().data_received(data)
        if self.transport.is_closing() or self.transport.get_protocol() is not self:
            self._disarm()  # closed, or a WebSocket now (its own protocol keeps it)
            return
        if self._in_head and not self._head_ended:
            self._head_bytes += len(data)  # the whole chunk belongs to the head that has not ended
            if self._head_bytes > self.max_head_bytes:
                self._disarm()
                self.send_400_response("Request head too large")
                return
        if not self._in_head or self._head_bytes > 0:  # a body, or a head, begun and not whole
            self._arm()
        else:  # whole (the app has it) or idle between requests (uvicorn's keep-alive timeout)
            self._disarm()

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
