"""An answer's head and body leave in one write: what a connection writes in one turn of the event
loop is joined and handed to the socket once, at the end of that turn.

uvicorn writes a response's head when the app sends `http.response.start` and its body when the
app sends `http.response.body`, each straight to the socket: two `send` calls, and on a client
waiting for its answer (as every client of a served hit is) two wake-ups of it. Under load those
two writes were a third of what a cached answer cost the event loop (py-spy --gil, issue #13), and
joining them served 29 % more cached answers a second (the two checkouts served in turns; 20 % in
`scripts.bench_ab`'s rounds against the session's start, docs/READS.md).

Nothing waits longer: the app sends head and body in the same turn, and the turn ends by writing
them. A write that makes the pending bytes reach `FLUSH_AT` goes out at once, so a large body meets
the transport's flow control (pause_writing) as it did. Closing, ending the stream (write_eof) or
aborting writes what is pending first, in order. Bytes pending when the connection is lost are
dropped, as the transport would drop them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

FLUSH_AT = 64 * 1024  # the transport's own high-water mark: past it, flow control must see the bytes


class CoalescedWrites(asyncio.Transport):
    """A connection's transport as its protocol and the app see it; every other call goes straight
    to the transport underneath."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._transport, self._loop = transport, loop
        self._pending: list[bytes] = []
        self._size = 0

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))
        self._size += len(data)
        if self._size >= FLUSH_AT:
            self.flush()

    def writelines(self, list_of_data: Iterable[bytes | bytearray | memoryview]) -> None:
        for data in list_of_data:
            self.write(data)

    def flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending, self._size = self._pending, [], 0
        if self._transport.is_closing():
            return  # the peer is gone (a close of ours flushes first): nobody to write to
        self._transport.write(pending[0] if len(pending) == 1 else b"".join(pending))

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def abort(self) -> None:
        self.flush()  # what was written before went out before: abort drops only the transport's buffer
        self._transport.abort()

    def get_write_buffer_size(self) -> int:
        return self._size + self._transport.get_write_buffer_size()

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self._transport.get_write_buffer_limits()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self._transport.set_write_buffer_limits(high, low)

    def can_write_eof(self) -> bool:
        return self._transport.can_write_eof()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._transport.get_extra_info(name, default)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._transport.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self._transport.get_protocol()

    def is_reading(self) -> bool:
        return self._transport.is_reading()

    def pause_reading(self) -> None:
        self._transport.pause_reading()

    def resume_reading(self) -> None:
        self._transport.resume_reading()
