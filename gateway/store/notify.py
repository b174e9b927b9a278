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
from collections.abc import Callable
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.store.events import EventBus

log = logging.getLogger(__name__)
CASES = "houshi_case_changed"
JOBS = "houshi_jobs"


async def notify_in_transaction(session: AsyncSession, touched: dict[str, int]) -> None:
    for case_id, version in touched.items():
        await session.execute(
            text("SELECT pg_notify(:channel, :payload)"), {"channel": CASES, "payload": f"{case_id}:{version}"}
        )
    if touched:
        await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": JOBS})


def asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


class Listener:
    def __init__(self, url: str, bus: EventBus, wake: Callable[[], None]) -> None:
        self._dsn, self._bus, self._wake = asyncpg_dsn(url), bus, wake

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
            await connection.add_listener(JOBS, lambda *_: self._wake())
            await closed.wait()
        finally:
            with contextlib.suppress(Exception):
                await connection.close()

    def _on_case(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        case_id, _, version = payload.rpartition(":")
        if case_id and version.isdigit():
            self._bus.deliver({case_id: int(version)})
        self._wake()
