"""The dispatcher: claims due outbox jobs and runs them, a bounded number at a time.

It never dies of one job: an unexpected error is logged with the job, shown on the job's item
(FAILED with lastError, so staff see it) and the job is retried later. `drain()` runs jobs until
none is due, for tests and one-shot tools.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from gateway.dispatch import jobs
from gateway.dispatch.delivery import deliver
from gateway.dispatch.preparation import prepare
from gateway.dispatch.recording import record_surprise
from gateway.services import Services
from gateway.store import queries

log = logging.getLogger(__name__)
ENDPOINT_REFRESH_SECONDS = 5.0


class Dispatcher:
    def __init__(self, services: Services) -> None:
        self.services = services
        self._wake = asyncio.Event()
        self._running: set[asyncio.Task[None]] = set()
        self._stopping = False

    def wake(self) -> None:
        self._wake.set()

    async def on_commit(self, touched: dict[str, int]) -> None:
        self.wake()

    async def run(self) -> None:
        settings = self.services.settings
        loop = asyncio.get_running_loop()
        next_refresh = 0.0
        while not self._stopping:
            if loop.time() >= next_refresh:
                await self._refresh_endpoints()
                next_refresh = loop.time() + ENDPOINT_REFRESH_SECONDS
            self._wake.clear()  # before claiming, so a commit during the claim still wakes us
            free = settings.dispatch_concurrency - len(self._running)
            claimed = await self._claim(min(free, settings.dispatch_batch)) if free > 0 else []
            for lease in claimed:
                task = asyncio.create_task(self._run_job(lease))
                self._running.add(task)
                task.add_done_callback(self._finished)
            if not claimed or free <= len(claimed):
                await self._sleep(settings.dispatch_poll_seconds)

    async def stop(self) -> None:
        self._stopping = True
        self.wake()
        for task in list(self._running):
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)

    async def drain(self, max_rounds: int = 1000) -> int:
        """Run due jobs until there are none; returns how many ran."""
        ran = 0
        for _ in range(max_rounds):
            claimed = await self._claim(self.services.settings.dispatch_batch)
            if not claimed:
                return ran
            await asyncio.gather(*(self._run_job(lease) for lease in claimed))
            ran += len(claimed)
        return ran

    async def _claim(self, limit: int) -> list[jobs.Lease]:
        now = self.services.clock()
        async with self.services.db.writing() as session:
            return await jobs.claim(session, now, limit, self.services.settings.dispatch_lease_seconds)

    async def _run_job(self, lease: jobs.Lease) -> None:
        handler: Callable[[Services, jobs.Lease], Awaitable[None]] = (
            prepare if lease.action == jobs.PREPARE else deliver
        )
        try:
            await handler(self.services, lease)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("dispatch job %s (%s) failed unexpectedly; retrying later", lease.job_id, lease.action)
            await self._retry_after_surprise(lease)

    async def _retry_after_surprise(self, lease: jobs.Lease) -> None:
        settings = self.services.settings
        try:
            async with self.services.db.writing() as session:
                job = await jobs.held(session, lease)
                if job is None:
                    return
                delay = jobs.backoff_seconds(job.attempts + 1, settings.dispatch_backoff_seconds, 3600)
                jobs.retry_later(job, self.services.clock(), delay, "internal error")
                item = await queries.item_by_id(session, lease.item_id) if lease.item_id else None
                if item is not None:
                    case = await queries.lock_case(session, lease.case_id)
                    record_surprise(session, case, item, self.services.clock())
        except Exception:
            log.exception("could not reschedule job %s; its lease will pass and it will run again", lease.job_id)

    async def _refresh_endpoints(self) -> None:
        async with self.services.db.reading() as session:
            self.services.endpoints.load(await queries.endpoints(session))

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        self.wake()
