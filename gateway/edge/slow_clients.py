"""Silent and slow clients cannot hold a connection: a request must arrive whole within a deadline.

uvicorn closes a connection idle *between* requests (`timeout_keep_alive`), but a connection that
never sends a byte, or sends its headers or body a byte at a time, stays open for ever: a few
hundred of them exhaust the server. This protocol (h11, so `h11_max_incomplete_event_size` bounds
the headers too) gives each request `read_seconds` from its first byte (or from the connection's
opening) until its last byte; then the connection is closed and one INFO line says so.
"""

from __future__ import annotations

import asyncio
import logging

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger(__name__)


class RequestDeadline(H11Protocol):
    read_seconds = 20.0
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()  # a connection that never speaks is the cheapest way to hold one

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        partial, _ = self.conn.trailing_data
        reading = self.conn.their_state is h11.SEND_BODY or (self.conn.their_state is h11.IDLE and bool(partial))
        if reading:
            self._arm()
        else:  # whole (the app has it) or idle between requests (uvicorn's keep-alive timeout)
            self._disarm()

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


def with_read_deadline(seconds: float) -> type[RequestDeadline]:
    """uvicorn builds its protocol from a class: one with this deadline."""
    return type("RequestDeadlineProtocol", (RequestDeadline,), {"read_seconds": seconds})
