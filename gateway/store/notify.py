"""Changes announced across processes: PostgreSQL NOTIFY in the writing transaction, LISTEN here.

With N gateway replicas and M workers, a subscriber on replica A must hear of a change a worker
committed. NOTIFY is transactional, so a notice goes out exactly when (and only if) the change
commits. Each process keeps one listening connection and feeds its event bus and dispatcher;
it reconnects with backoff if the connection drops (subscribers then catch up by `version`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.store.events import EventBus
from gateway.store.signals import ENDPOINTS, JOBS

log = logging.getLogger(__name__)
CASES = "houshi_case_changed"
CHANNELS = {JOBS: "houshi_jobs", ENDPOINTS: "houshi_endpoints"}  # one per signal (gateway/store/signals.py)


async def notify_in_transaction(session: AsyncSession, touched: dict[str, int]) -> None:
    notices = [(CASES, f"{case_id}:{version}") for case_id, version in touched.items()]
    notices += [(CHANNELS[signal], "") for signal in sorted(session.sync_session.info.get("signals", ()))]
    for channel, payload in notices:
        await session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": channel, "payload": payload})


def asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


class Listener:
    """Feeds the bus with case changes, and `on_signals` with other processes' signals; on every
    (re)connect it signals everything, since notices sent while it was away are lost."""

    def __init__(self, url: str, bus: EventBus, on_signals: Callable[[frozenset[str]], Awaitable[None]]) -> None:
        self._dsn, self._bus, self._on_signals = asyncpg_dsn(url), bus, on_signals
        self._pending: set[asyncio.Task[None]] = set()

    async def run(self) -> None:
        delay = 0.5
        while True:
            try:
                connection = await asyncpg.connect(self._dsn)
            except (OSError, asyncpg.PostgresError) as error:
                log.warning("LISTEN connection failed (%s); retrying in %.1fs", type(error).__name__, delay)
                await asyncio.sleep(delay)
                delay = min(30.0, delay * 2)
                continue
            delay = 0.5
            await self._listen(connection)

    async def _listen(self, connection: asyncpg.Connection) -> None:
        closed = asyncio.Event()
        connection.add_termination_listener(lambda _: closed.set())
        try:
            await connection.add_listener(CASES, self._on_case)
            for signal, channel in CHANNELS.items():
                await connection.add_listener(channel, lambda *_, s=signal: self._signal(frozenset([s])))
            self._signal(frozenset(CHANNELS))
            await closed.wait()
        finally:
            with contextlib.suppress(Exception):
                await connection.close()

    def _on_case(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        case_id, _, version = payload.rpartition(":")
        if case_id and version.isdigit():
            self._bus.deliver({case_id: int(version)})

    def _signal(self, signals: frozenset[str]) -> None:
        task = asyncio.create_task(self._deliver(signals))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _deliver(self, signals: frozenset[str]) -> None:
        try:
            await self._on_signals(signals)
        except Exception as error:  # the next notice, or the safety poll, tries again
            log.warning("acting on %s from another process failed: %s", sorted(signals), type(error).__name__)
