"""Sending one notice to the family, and writing down on the timeline whether it went out.

The same three steps as delivery: read the notice; send it with its id as the idempotency key; record
the result and settle the job in one transaction. A crash between sending and recording re-sends with
the same key, which the SMS gateway sends once. An outage shows once on the timeline (NOTICE_FAILED)
and the job waits with backoff; items never wait for it, as their jobs are their own.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.errors import SmsError, SmsRefused, SmsUnavailable
from adapters.sms import Sms
from gateway.cases.timeline import SYSTEM, record
from gateway.dispatch import jobs
from gateway.dispatch.backoff import backoff
from gateway.dispatch.locking import hold
from gateway.dispatch.notices import CANCELLED, FAILED, PENDING, SENT, phone_of
from gateway.domain.notices import Recipient, masked_phone
from gateway.services import Services
from gateway.store.models import CaseRow, JobRow, NoticeRow

WHO = {Recipient.APPLICANT: "申请人", Recipient.CONTACT: "联系人"}


async def notify(services: Services, lease: jobs.Lease) -> None:
    sms = await _outgoing(services, lease)
    if sms is None:
        return
    result: str | SmsError
    try:
        result = await services.sms.send(sms)
    except SmsError as error:
        result = error
    await _record(services, lease, result)


async def _outgoing(services: Services, lease: jobs.Lease) -> Sms | None:
    async with services.db.writing() as session:
        held = await hold(session, lease)
        if held is None:
            return None
        notice = await _notice(session, lease)
        if notice is None or notice.status not in (PENDING, FAILED):
            await session.delete(held.job)
            return None
        if not held.case.notices_enabled:  # the family turned notices off after this one was due
            notice.status = CANCELLED
            await session.delete(held.job)
            return None
        phone = phone_of(held.case, Recipient(notice.recipient))
        return Sms(key=notice.id, phone=phone or "", text=notice.text)


async def _notice(session: AsyncSession, lease: jobs.Lease) -> NoticeRow | None:
    return await session.get(NoticeRow, lease.notice_id) if lease.notice_id else None


async def _record(services: Services, lease: jobs.Lease, result: str | SmsError) -> None:
    now = services.clock()
    async with services.db.writing() as session:
        held = await hold(session, lease)
        notice = await _notice(session, lease) if held else None
        if held is None or notice is None:
            return  # the lease passed on, and its new holder records the same send
        if isinstance(result, str):
            notice.status, notice.sent_at, notice.message_id, notice.last_error = SENT, now, result, None
            _on_timeline(session, held.case, now, notice, "NOTICE_SENT", "已发送短信")
            await session.delete(held.job)
        elif isinstance(result, SmsRefused):
            notice.status, notice.last_error = FAILED, result.detail
            _on_timeline(session, held.case, now, notice, "NOTICE_FAILED", f"短信未能发送（{result.detail}）")
            await session.delete(held.job)
        else:
            _wait(services, session, held.case, held.job, notice, result, now)


def _wait(
    services: Services,
    session: AsyncSession,
    case: CaseRow,
    job: JobRow,
    notice: NoticeRow,
    error: SmsError,
    now: datetime,
) -> None:
    """One NOTICE_FAILED per outage, not per try; the job waits out the outage (or the open circuit)."""
    if notice.status != FAILED:
        notice.status = FAILED
        _on_timeline(session, case, now, notice, "NOTICE_FAILED", f"短信暂未送达（{error.detail}），系统将自动重试")
    notice.last_error = error.detail
    cooling = error.retry_in_seconds if isinstance(error, SmsUnavailable) else None
    if cooling is not None:
        jobs.defer(job, now, cooling + backoff(services.settings, 1, services.settings.circuit_spread_cap_seconds))
    else:
        jobs.retry_later(job, now, backoff(services.settings, job.attempts + 1), error.detail)


def _on_timeline(session: AsyncSession, case: CaseRow, now: datetime, notice: NoticeRow, type: str, what: str) -> None:
    recipient = Recipient(notice.recipient)
    phone = phone_of(case, recipient) or ""
    message = f"{what}至{WHO[recipient]}（{masked_phone(phone)}）：{notice.text}"
    record(session, case, now, actor=SYSTEM, type=type, message=message)
