"""The outbox: jobs written in the same transaction as the change that calls for them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.observability.tracing import current_traceparent
from gateway.store.models import JobRow, NoticeRow
from gateway.store.signals import JOBS, mark

PREPARE, SUBMIT, POLL, NOTICE = "prepare", "submit", "poll", "notice"


@dataclass(frozen=True)
class Lease:
    job_id: int
    owner: str
    action: str
    case_id: str
    item_id: str | None
    attempts: int
    forced: bool = False
    trace_parent: str | None = None  # W3C traceparent of what scheduled the job: its span continues that trace
    notice_id: str | None = None  # a NOTICE job's notice


def job_key(case_id: str, item_id: str | None) -> str:
    return f"item:{item_id}" if item_id else f"case:{case_id}"


async def schedule(
    session: AsyncSession,
    action: str,
    case_id: str,
    item_id: str | None,
    due_at: datetime,
    now: datetime,
    *,
    forced: bool = False,
) -> None:
    """One job per item (or per case, for preparation): a newer instruction replaces the older."""
    key = job_key(case_id, item_id)
    job = (await session.scalars(select(JobRow).where(JobRow.key == key))).one_or_none()
    if job is None:
        job = JobRow(key=key, action=action, case_id=case_id, item_id=item_id, due_at=due_at, created_at=now)
        session.add(job)
    job.action, job.due_at, job.forced, job.attempts = action, due_at, forced, 0
    job.trace_parent = current_traceparent()
    job.leased_until, job.lease_owner = None, None


def schedule_notice(session: AsyncSession, notice: NoticeRow, now: datetime) -> None:
    """One job per notice, beside the item and case jobs: a notice never replaces or waits for them."""
    session.add(
        JobRow(
            key=f"notice:{notice.id}", action=NOTICE, case_id=notice.case_id, item_id=None, notice=notice,
            due_at=now, created_at=now, attempts=0, forced=False, trace_parent=current_traceparent(),
        )
    )  # fmt: skip


async def cancel_case_jobs(session: AsyncSession, case_id: str) -> None:
    """The case's work stops; what the family was already told it will be told (a notice row left
    PENDING with its job deleted would never be sent, nor ever say why)."""
    await session.execute(delete(JobRow).where(JobRow.case_id == case_id, JobRow.action != NOTICE))


async def claim(session: AsyncSession, now: datetime, limit: int, lease_seconds: float) -> list[Lease]:
    """Take due jobs nobody holds. PostgreSQL skips rows another worker has locked."""
    query = (
        select(JobRow)
        .where(JobRow.due_at <= now, or_(JobRow.leased_until.is_(None), JobRow.leased_until < now))
        .order_by(JobRow.due_at)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    owner = str(uuid.uuid4())
    leases = []
    for job in await session.scalars(query):
        job.leased_until, job.lease_owner = now + timedelta(seconds=lease_seconds), owner
        leases.append(
            Lease(job.id, owner, job.action, job.case_id, job.item_id, job.attempts, job.forced, job.trace_parent)
            if job.notice_id is None
            else Lease(
                job.id, owner, job.action, job.case_id, None, job.attempts, False, job.trace_parent, job.notice_id
            )
        )
    return leases


async def held(session: AsyncSession, lease: Lease) -> JobRow | None:
    """The job, if this lease still holds it (a crashed or slow worker's lease may have passed on)."""
    job = await session.get(JobRow, lease.job_id)
    return job if job is not None and job.lease_owner == lease.owner else None


async def next_due(session: AsyncSession) -> datetime | None:
    """When a job next comes free: the earliest due time of a job nobody holds, or lease end."""
    free = await session.scalar(select(func.min(JobRow.due_at)).where(JobRow.leased_until.is_(None)))
    held = await session.scalar(select(func.min(JobRow.leased_until)).where(JobRow.leased_until.is_not(None)))
    return min((t for t in (free, held) if t is not None), default=None)


async def renew(session: AsyncSession, owners: Iterable[str], now: datetime, lease_seconds: float) -> None:
    """The heartbeat of a live worker: the leases of jobs it is running last another full term."""
    until = now + timedelta(seconds=lease_seconds)
    await session.execute(update(JobRow).where(JobRow.lease_owner.in_(list(owners))).values(leased_until=until))


async def release(session: AsyncSession, owners: Iterable[str] | None = None) -> None:
    """Hand jobs back at once: those of `owners` (a worker stopping), or every job (the sole SQLite
    writer starting: whoever held a lease before it is gone)."""
    query = update(JobRow).where(JobRow.lease_owner.is_not(None))
    if owners is not None:
        query = query.where(JobRow.lease_owner.in_(list(owners)))
    await session.execute(query.values(leased_until=None, lease_owner=None))
    mark(session.sync_session, JOBS)


def retry_later(job: JobRow, now: datetime, delay_seconds: float, error: str | None) -> None:
    job.attempts += 1
    job.forced = False
    job.due_at = now + timedelta(seconds=delay_seconds)
    job.leased_until, job.lease_owner, job.last_error = None, None, error


def defer(job: JobRow, now: datetime, delay_seconds: float) -> None:
    """Run later without counting a try: nothing was sent (the agency's circuit is open)."""
    job.due_at = now + timedelta(seconds=delay_seconds)
    job.leased_until, job.lease_owner = None, None


async def cancel_item_job(session: AsyncSession, item_id: str) -> None:
    await session.execute(delete(JobRow).where(JobRow.item_id == item_id))
