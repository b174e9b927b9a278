"""Carrying one item to its agency, or asking after it, and writing down what came back.

Three steps, so a crash anywhere loses nothing: (1) mark the item sent, in its own transaction;
(2) call the agency with the item's idempotency key; (3) record the answer and settle the job in
one transaction. A crash between (2) and (3) re-runs the job with the same key once the lease
passes, and the agency answers as it did the first time.

While an agency's circuit is open, an item already shown FAILED (or waiting for a poll) does not
touch the item or the timeline at all: its job just waits out the cool-down. Only a person's
`retryItem` (a forced job) goes through at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.contract import Accepted, ItemRequest, Outcome
from adapters.errors import AdapterError, CircuitOpen
from adapters.kinds import Agency, ItemKind
from gateway.cases.timeline import record
from gateway.clock import china_date
from gateway.dispatch import jobs
from gateway.dispatch.backoff import backoff
from gateway.dispatch.locking import Held, hold
from gateway.dispatch.recording import record_failure, record_outcome, record_surprise
from gateway.dispatch.requests import item_request
from gateway.domain.catalogue import AGENCY_NAMES, definition
from gateway.domain.deadlines import add_working_days
from gateway.domain.status import POLLABLE, SENDABLE, STALLED_AT_AGENCY, CaseStatus, ItemStatus
from gateway.observability.tracing import describe_job
from gateway.services import Services
from gateway.store import queries
from gateway.store.models import CaseRow, ItemRow, JobRow


@dataclass(frozen=True)
class Surprise:
    """Not an answer: the job broke inside the gateway before one could be recorded."""

    detail: str = "internal error"


SURPRISE = Surprise()


@dataclass(frozen=True)
class Errand:
    request: ItemRequest
    reference: str | None


async def deliver(services: Services, lease: jobs.Lease) -> None:
    errand = await _mark_sent(services, lease)
    if errand is None:
        return
    describe_job(errand.request.case_reference, errand.request.kind.value)
    outcome: Outcome | AdapterError
    try:
        client = services.endpoints.for_kind(errand.request.kind)
        if lease.action == jobs.POLL and errand.reference:
            outcome = await client.status(errand.request.kind, errand.reference, force=lease.forced)
        else:
            outcome = await client.submit(errand.request, force=lease.forced)
    except AdapterError as error:
        outcome = error
    await _record(services, lease, outcome)


async def _mark_sent(services: Services, lease: jobs.Lease) -> Errand | None:
    now = services.clock()
    async with services.db.writing() as session:
        held = await hold(session, lease)
        if held is None or lease.item_id is None:
            return None
        case, job = held.case, held.job
        item = await queries.item_by_id(session, lease.item_id)
        wanted = POLLABLE if lease.action == jobs.POLL else SENDABLE
        if item is None or case.status != CaseStatus.IN_PROGRESS or item.status not in wanted:
            await session.delete(job)  # withdrawn, answered by call-back, or otherwise moved on
            return None
        if cooling := _circuit_cooling(services, lease, item):
            jobs.defer(job, now, _after_circuit(services, cooling))
            return None
        if lease.action == jobs.SUBMIT:
            _send_out(session, case, item, services, now)
        certificates = await queries.certificates_of(session, case.id)
        materials = await queries.materials_with_content(session, case.id)
        request = item_request(case, item, certificates, services.settings.callback_url, materials)
        return Errand(request, item.agency_reference)


def _circuit_cooling(services: Services, lease: jobs.Lease, item: ItemRow) -> float:
    """Seconds the agency's open circuit still holds back a FAILED item's re-send or a poll; 0: go."""
    if lease.forced or item.status not in STALLED_AT_AGENCY:
        return 0.0
    try:
        return services.endpoints.for_kind(ItemKind(item.kind)).breaker.retry_in()
    except AdapterError:
        return 0.0  # no endpoint: the call itself says so


def _send_out(session: AsyncSession, case: CaseRow, item: ItemRow, services: Services, now: datetime) -> None:
    item.attempts += 1
    if item.status != ItemStatus.READY:
        return  # a re-send: FAILED stays FAILED (with its lastError) until an answer lands
    definition_ = definition(ItemKind(item.kind))
    item.status, item.dispatched_at, item.updated_at = ItemStatus.DISPATCHED, now, now
    message = f"已推送至{AGENCY_NAMES[Agency(item.agency)]}办理“{definition_.title}”"
    days = services.time_limits.days(ItemKind(item.kind))
    deadline = add_working_days(china_date(now), days, services.calendar)
    item.deadline, item.deadline_estimated = deadline.due, deadline.estimated
    message += f"，办理时限 {days} 个工作日（{deadline.due} 前）"
    record(session, case, now, actor="system", type="ITEM_DISPATCHED", message=message, item_kind=item.kind)


async def retry_after_surprise(services: Services, lease: jobs.Lease) -> None:
    """A job (of any action) that broke inside the gateway lands like a failed delivery: the same
    locks, the same backoff, and its item, if it has one, shown FAILED with why."""
    await _record(services, lease, SURPRISE)


async def _record(services: Services, lease: jobs.Lease, outcome: Outcome | AdapterError | Surprise) -> None:
    now = services.clock()
    async with services.db.writing() as session:
        held = await hold(session, lease)
        if held is None:
            return  # the lease passed to another worker (which records the same answer), or a call-back settled it
        item = await queries.item_by_id(session, lease.item_id) if lease.item_id else None
        if isinstance(outcome, Surprise):
            if item is not None:
                record_surprise(session, held.case, item, now)
            _retry(services, held.job, now, outcome.detail)
        elif lease.item_id is not None:
            await _land(services, session, held, item, outcome, now)


async def _land(
    services: Services,
    session: AsyncSession,
    held: Held,
    item: ItemRow | None,
    outcome: Outcome | AdapterError,
    now: datetime,
) -> None:
    case, job = held.case, held.job
    if item is None:
        await session.delete(job)
    elif isinstance(outcome, CircuitOpen):  # nothing was sent: wait, without counting a try
        record_failure(session, case, item, outcome, now)
        jobs.defer(job, now, _after_circuit(services, outcome.retry_in_seconds))
    elif isinstance(outcome, AdapterError):
        record_failure(session, case, item, outcome, now)
        _retry(services, job, now, outcome.detail)
    else:
        await record_outcome(session, case, item, outcome, now, actor=f"agency:{item.agency}")
        if isinstance(outcome, Accepted) and item.status == ItemStatus.ACCEPTED:
            _poll_later(job, now, outcome.poll_after_seconds)
        else:
            await session.delete(job)


def _retry(services: Services, job: JobRow, now: datetime, error: str) -> None:
    jobs.retry_later(job, now, backoff(services.settings, job.attempts + 1), error)


def _after_circuit(services: Services, cooling_seconds: float) -> float:
    """Past the cool-down, jittered, so the waiting items do not all queue for the one trial call."""
    return cooling_seconds + backoff(services.settings, 1, services.settings.circuit_spread_cap_seconds)


def _poll_later(job: JobRow, now: datetime, seconds: float) -> None:
    job.action, job.attempts, job.forced = jobs.POLL, 0, False
    job.due_at = now + timedelta(seconds=max(0.2, seconds))
    job.leased_until, job.lease_owner, job.last_error = None, None, None
