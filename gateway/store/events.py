"""Announcing committed changes: `CaseChanged(case_id, version)` to whoever listens in this process."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class CaseChanged:
    case_id: str
    version: int


class EventBus:
    def __init__(self, queue_size: int = 256) -> None:
        self._subscribers: dict[str, set[asyncio.Queue[CaseChanged]]] = defaultdict(set)
        self._queue_size = queue_size

    async def publish(self, touched: dict[str, int]) -> None:
        self.deliver(touched)

    def deliver(self, touched: dict[str, int]) -> None:
        for case_id, version in touched.items():
            for queue in list(self._subscribers.get(case_id, ())):
                if queue.full():  # a stalled subscriber only needs the newest version
                    queue.get_nowait()
                queue.put_nowait(CaseChanged(case_id, version))

    @asynccontextmanager
    async def subscribe(self, case_id: str) -> AsyncIterator[asyncio.Queue[CaseChanged]]:
        queue: asyncio.Queue[CaseChanged] = asyncio.Queue(self._queue_size)
        self._subscribers[case_id].add(queue)
        try:
            yield queue
        finally:
            self._subscribers[case_id].discard(queue)
            if not self._subscribers[case_id]:
                del self._subscribers[case_id]
