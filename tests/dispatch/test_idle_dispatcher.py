"""The dispatcher sleeps when there is nothing to do, and wakes for exactly the things that are work:
a committed job, a job's due time, a running job finishing. Its own claims never wake it."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from gateway.dispatch import dispatcher as dispatcher_module
from gateway.dispatch import jobs
from gateway.dispatch.dispatcher import Dispatcher
from gateway.services import Services
from gateway.store.models import JobRow
from tests.support.cases import submit_people
from tests.support.inprocess import InProcess, gateway_in_process
from tests.support.postgres import fresh_database, postgres_url_or_skip
from tests.support.waiting import wait_for

QUIET = 1.0  # seconds of watching an idle dispatcher: it must not touch the database at all


@contextlib.asynccontextmanager
async def running(services: Services) -> AsyncIterator[Dispatcher]:
    """A dispatcher wired as the app wires its own (gateway_in_process runs none)."""
    dispatcher = Dispatcher(services)
    services.db.on_signals.append(dispatcher.on_signals)
    task = asyncio.create_task(dispatcher.run())
    try:
        yield dispatcher
    finally:
        await dispatcher.stop()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        services.db.on_signals.remove(dispatcher.on_signals)


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[InProcess]:
    async with gateway_in_process(tmp_path) as gateway:
        yield gateway


async def settled(statements: list[str]) -> None:
    """Until the dispatcher has finished what it was doing: no statement for a fifth of a second."""

    async def count_after_a_pause() -> tuple[int, int]:
        before = len(statements)
        await asyncio.sleep(0.2)
        return before, len(statements)

    await wait_for(count_after_a_pause, lambda counts: counts[0] == counts[1], 10, interval=0)


async def job_rows(services: Services) -> list[JobRow]:
    async with services.db.reading() as session:
        return list(await session.scalars(select(JobRow)))


async def test_an_idle_dispatcher_runs_no_statements(gateway: InProcess) -> None:
    async with running(gateway.services):
        await settled(gateway.statements)  # its first look for due jobs
        gateway.statements.clear()
        await asyncio.sleep(QUIET)
    assert gateway.statements == []


async def test_a_committed_job_is_claimed_at_once_and_a_rescheduled_one_at_its_due_time(
    gateway: InProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    services, runs = gateway.services, []

    async def prepare(services: Services, lease: jobs.Lease) -> None:
        runs.append(services.clock())
        async with services.db.writing() as session:
            job = await jobs.held(session, lease)
            assert job is not None
            if len(runs) == 1:
                jobs.retry_later(job, services.clock(), 0.5, "agency busy")
            else:
                await session.delete(job)

    monkeypatch.setitem(dispatcher_module.HANDLERS, jobs.PREPARE, prepare)
    async with running(services):
        await settled(gateway.statements)
        (case,) = await submit_people(services, 1)
        await wait_for(lambda: asyncio.sleep(0, runs), lambda r: len(r) == 2, 10, interval=0.02)
        assert runs[1] - runs[0] >= timedelta(seconds=0.5), "ran again before it was due"
        assert runs[0] - case.submitted_at < timedelta(seconds=2), "a committed job waited for a poll"
        await wait_for(lambda: job_rows(services), lambda rows: rows == [], 5)
        await settled(gateway.statements)
        gateway.statements.clear()
        await asyncio.sleep(QUIET)
    assert gateway.statements == [], "the finished job left the dispatcher busy"


@pytest.mark.postgres
async def test_a_job_committed_in_one_process_wakes_an_idle_dispatcher_in_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NOTIFY, not the safety poll (a minute): the worker hears of the job as it commits."""
    runs: list[float] = []

    async def prepare(services: Services, lease: jobs.Lease) -> None:
        runs.append(time.monotonic())
        async with services.db.writing() as session:
            if (job := await jobs.held(session, lease)) is not None:
                await session.delete(job)

    monkeypatch.setitem(dispatcher_module.HANDLERS, jobs.PREPARE, prepare)
    # one data dir: the two share their keys, as replicas share them through settings
    async with (
        fresh_database(postgres_url_or_skip()) as url,
        gateway_in_process(tmp_path, database_url=url) as serve,
        gateway_in_process(tmp_path, database_url=url, dispatcher=True) as worker,
    ):
        await settled(worker.statements)
        committed = time.monotonic()
        await submit_people(serve.services, 1)
        await wait_for(lambda: asyncio.sleep(0, runs), lambda r: len(r) == 1, 10, interval=0.01)
    assert runs[0] - committed < 2.0, f"the job waited {runs[0] - committed:.1f} s: a poll found it, not a notice"


async def test_a_stopping_dispatcher_hands_back_the_jobs_it_was_running(
    gateway: InProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    services, started = gateway.services, asyncio.Event()

    async def prepare(_services: Services, _lease: jobs.Lease) -> None:
        started.set()
        await asyncio.Event().wait()  # an agency that never answers

    monkeypatch.setitem(dispatcher_module.HANDLERS, jobs.PREPARE, prepare)
    async with running(services):
        await submit_people(services, 1)
        await asyncio.wait_for(started.wait(), 10)
        (held,) = await job_rows(services)
        assert held.lease_owner is not None
    (released,) = await job_rows(services)
    assert (released.lease_owner, released.leased_until) == (None, None)


async def test_a_running_job_keeps_its_lease_beyond_the_lease_term(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = asyncio.Event()

    async def prepare(_services: Services, _lease: jobs.Lease) -> None:
        started.set()
        await asyncio.Event().wait()

    monkeypatch.setitem(dispatcher_module.HANDLERS, jobs.PREPARE, prepare)
    async with gateway_in_process(tmp_path, dispatch_lease_seconds=0.6) as gateway:
        services = gateway.services
        async with running(services):
            await submit_people(services, 1)
            await asyncio.wait_for(started.wait(), 10)
            first = (await job_rows(services))[0].leased_until
            assert first is not None
            later = first + timedelta(seconds=0.6)
            renewed = await wait_for(
                lambda: job_rows(services), lambda rows: (rows[0].leased_until or first) > later, 5
            )
            assert renewed[0].lease_owner is not None
