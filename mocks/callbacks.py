"""Call-backs to the gateway: how HRSS, the housing fund and the banks report an outcome.

An agency posts the gateway's `reportItemOutcome` mutation with its own bearer token. A failed
call-back is retried a few times and then dropped: the gateway polls as a safety net, and a mock
must never crash on somebody else's outage.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

REPORT_OUTCOME = (
    "mutation($id: ID!, $o: ItemOutcomeInput!) { reportItemOutcome(itemId: $id, outcome: $o) "
    "{ item { id status } errors { field code message } } }"
)
_BACKOFF_SECONDS = (0.2, 0.5, 1.0)
log = logging.getLogger(__name__)


class CallbackSender:
    def __init__(self, http: httpx.AsyncClient, time_scale: float) -> None:
        self._http = http
        self._time_scale = time_scale
        self._tasks: set[asyncio.Task[None]] = set()
        self.delivered = 0
        self.abandoned = 0

    def schedule(self, delay_seconds: float, send: Callable[[], Awaitable[None]]) -> None:
        """Run `send` (which calls `deliver`) after the agency has finished its work."""
        task = asyncio.create_task(self._later(delay_seconds, send))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _later(self, delay_seconds: float, send: Callable[[], Awaitable[None]]) -> None:
        await asyncio.sleep(max(0.0, delay_seconds))
        await send()

    async def deliver(self, url: str, token: str, item_id: str, outcome: dict[str, Any]) -> bool:
        body = {"query": REPORT_OUTCOME, "variables": {"id": item_id, "o": outcome}}
        headers = {"Authorization": f"Bearer {token}"}
        for pause in (*_BACKOFF_SECONDS, None):
            if await self._post(url, body, headers):
                self.delivered += 1
                return True
            if pause is not None:
                await asyncio.sleep(pause * self._time_scale)
        self.abandoned += 1
        log.warning("call-back for item %s to %s abandoned; the gateway will poll", item_id, url)
        return False

    async def _post(self, url: str, body: dict[str, Any], headers: dict[str, str]) -> bool:
        try:
            response = await self._http.post(url, json=body, headers=headers)
        except httpx.HTTPError:
            return False
        return response.is_success

    def cancel_all(self) -> None:
        for task in self._tasks:
            task.cancel()

    async def close(self) -> None:
        self.cancel_all()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def as_json(self) -> dict[str, int]:
        return {"pending": len(self._tasks), "delivered": self.delivered, "abandoned": self.abandoned}
