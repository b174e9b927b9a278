"""The dispatcher: claims due outbox jobs and runs them, a bounded number at a time.

It never dies of one job: an unexpected error is logged with the job, shown on the job's item
(FAILED with lastError, so staff see it) and the job is retried later. `drain()` runs jobs until
none is due, for tests and one-shot tools.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable

from gateway.clock import wait_at_most
from gateway.dispatch import jobs
from gateway.dispatch.delivery import deliver, retry_after_surprise
from gateway.dispatch.notifying import notify
from gateway.dispatch.preparation import prepare
from gateway.observability.tracing import job_span
from gateway.services import Services
from gateway.store.signals import JOBS

log = logging.getLogger(__name__)


HANDLERS: dict[str, Callable[[Services, jobs.Lease], Awaitable[None]]] = {jobs.PREPARE: prepare, jobs.NOTICE: notify}


class Dispatcher:
    """Sleeps until there is work: a commit that wrote a job (here, or elsewhere through NOTIFY),
    the next due time or lease end, a running job finishing, or on PostgreSQL a slow safety poll
    in case a notice was lost. Its own claims never wake it. While jobs run it renews their leases
    (the heartbeat by which other workers know it lives); stopping hands them back."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self._wake = asyncio.Event()
        self._running: dict[asyncio.Task[None], str] = {}
        self._stopping = False
        self._renewed = 0.0
        self.task: asyncio.Task[None] | None = None  # set by start(): this process runs the loop

    def start(self) -> asyncio.Task[None]:
        """Run the loop in the background; /readyz asks whether it still runs (no heartbeat needed)."""
        self.task = asyncio.create_task(self.run(), name="dispatcher")
        self.task.add_done_callback(_said_if_died)
        return self.task

    def wake(self) -> None:
        self._wake.set()

    async def on_signals(self, signals: frozenset[str]) -> None:
        if JOBS in signals:
            self.wake()

    async def run(self) -> None:
        settings = self.services.settings
        while not self._stopping:
            self._wake.clear()  # before claiming, so a commit during the claim still wakes us
            await self._keep_leases()
            free = settings.dispatch_concurrency - len(self._running)
            wanted = min(free, settings.dispatch_batch)
            claimed = await self._claim(wanted) if wanted > 0 else []
            for lease in claimed:
                task = asyncio.create_task(self._run_job(lease))
                self._running[task] = lease.owner
                task.add_done_callback(self._finished)
            if claimed and len(claimed) == wanted < free:
                continue  # a full batch: more may be due
            await self._sleep(await self._seconds_to_next_job() if len(claimed) < free else None)

    async def stop(self) -> None:
        self._stopping = True
        self.wake()
        owners = set(self._running.values())
        for task in list(self._running):
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)
        if owners:
            try:  # another worker (or this one, restarted) takes them at once, not after the lease
                async with self.services.db.writing() as session:
                    await jobs.release(session, owners)
            except Exception:
                log.warning("could not hand back %d job(s) on stopping; their leases will pass", len(owners))
        if self.task is not None:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)  # a loop that died was logged then

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
        handler: Callable[[Services, jobs.Lease], Awaitable[None]] = HANDLERS.get(lease.action, deliver)
        try:
            with job_span(lease.action, lease.job_id, lease.case_id, lease.item_id, lease.trace_parent):
                await handler(self.services, lease)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("dispatch job %s (%s) failed unexpectedly; retrying later", lease.job_id, lease.action)
            await self._retry_after_surprise(lease)

    async def _retry_after_surprise(self, lease: jobs.Lease) -> None:
        try:
            await retry_after_surprise(self.services, lease)
        except Exception:
            log.exception("could not reschedule job %s; its lease will pass and it will run again", lease.job_id)

    async def _seconds_to_next_job(self) -> float | None:
        """How long to sleep unless woken; None: until woken."""
        async with self.services.db.reading() as session:
            due = await jobs.next_due(session)
        wait = None if due is None else max(0.0, (due - self.services.clock()).total_seconds())
        if self._running:
            wait = min(wait if wait is not None else math.inf, self._renew_every)
        if self.services.db.engine.dialect.name == "postgresql":  # another process may write jobs
            wait = min(wait if wait is not None else math.inf, self.services.settings.dispatch_safety_poll_seconds)
        return wait

    @property
    def _renew_every(self) -> float:
        return self.services.settings.dispatch_lease_seconds / 3

    async def _keep_leases(self) -> None:
        loop = asyncio.get_running_loop()
        if not self._running or loop.time() - self._renewed < self._renew_every:
            return
        self._renewed = loop.time()
        settings = self.services.settings
        try:
            async with self.services.db.writing() as session:
                await jobs.renew(
                    session, set(self._running.values()), self.services.clock(), settings.dispatch_lease_seconds
                )
        except Exception:
            log.warning("could not renew the leases of %d running job(s); retrying", len(self._running))

    async def _sleep(self, seconds: float | None) -> None:
        await wait_at_most(self._wake, seconds)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._running.pop(task, None)
        self.wake()


def _said_if_died(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (fault := task.exception()) is not None:
        log.error("the dispatcher stopped: no job runs in this process until it restarts", exc_info=fault)
