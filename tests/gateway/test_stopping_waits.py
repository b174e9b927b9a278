"""Background loops stop when told, even when told just as what they wait for arrives.

On Python 3.11 `asyncio.wait_for` returns normally when cancelled in the tick its awaited thing
completes (cpython gh-86296): the access-log flusher then slept on after a stop, and the gateway's
shutdown never ended once a busy minute of reads had filled its batch (found by profiling reads)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from gateway.clock import wait_at_most
from gateway.security.accesslog_buffer import AccessLogBuffer


async def test_a_cancel_in_the_tick_the_event_is_set_still_cancels_the_wait() -> None:
    event = asyncio.Event()
    waiting = asyncio.create_task(wait_at_most(event, 10.0))
    await asyncio.sleep(0)  # it waits on the event now
    event.set()
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting


async def test_a_wait_ends_when_the_event_is_set_or_the_time_is_up() -> None:
    event = asyncio.Event()
    event.set()
    await asyncio.wait_for(wait_at_most(event, None), 5.0)
    await asyncio.wait_for(wait_at_most(asyncio.Event(), 0.01), 5.0)


class _Database:
    def __init__(self) -> None:
        self.appended: list[dict[str, Any]] = []

    async def append(self, _table: Any, rows: list[dict[str, Any]]) -> None:
        self.appended.extend(rows)


async def test_the_access_log_flusher_stops_when_stopped_as_its_batch_fills() -> None:
    db = _Database()
    buffer = AccessLogBuffer(db, interval_seconds=10.0, max_rows=2)  # type: ignore[arg-type]
    flushing = asyncio.create_task(buffer.run())
    buffer.add([{"n": 1}])
    await asyncio.sleep(0)  # it waits for the batch to fill
    buffer.add([{"n": 2}])  # full: the wait ends in the same tick as the stop below
    flushing.cancel()
    done, _ = await asyncio.wait([flushing], timeout=5.0)
    assert done == {flushing} and flushing.cancelled()


class _SlowDatabase(_Database):
    def __init__(self) -> None:
        super().__init__()
        self.started, self.release = asyncio.Event(), asyncio.Event()

    async def append(self, _table: Any, rows: list[dict[str, Any]]) -> None:
        if not self.started.is_set():  # only the first write is slow
            self.started.set()
            await self.release.wait()
        await super().append(_table, rows)


async def test_a_stop_waits_for_the_access_log_write_in_flight_before_the_database_goes() -> None:
    db = _SlowDatabase()
    buffer = AccessLogBuffer(db, interval_seconds=10.0, max_rows=1)  # type: ignore[arg-type]
    flushing = asyncio.create_task(buffer.run())
    buffer.add([{"n": 1}])
    await asyncio.wait_for(db.started.wait(), 5.0)  # the batch is being written
    flushing.cancel()
    await asyncio.wait([flushing], timeout=5.0)
    buffer.add([{"n": 2}])  # noted after the loop stopped: the last flush writes it
    stopping = asyncio.create_task(buffer.flush())
    done, _ = await asyncio.wait([stopping], timeout=0.1)
    assert not done  # held until the write in flight has finished
    db.release.set()
    await asyncio.wait_for(stopping, 5.0)
    assert db.appended == [{"n": 1}, {"n": 2}]
