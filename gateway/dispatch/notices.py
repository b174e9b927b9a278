"""Announcing a milestone to the family: a notice per recipient and its job, in the milestone's own
transaction (the outbox), so a crash loses none and the case never waits for the SMS gateway."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from gateway.dispatch import jobs
from gateway.domain.notices import Notice, Recipient
from gateway.store.models import CaseRow, NoticeRow

PENDING, SENT, FAILED, CANCELLED = "PENDING", "SENT", "FAILED", "CANCELLED"


def recipients(case: CaseRow) -> list[Recipient]:
    return [Recipient.APPLICANT, *([Recipient.CONTACT] if case.contact_phone else [])]


def phone_of(case: CaseRow, recipient: Recipient) -> str | None:
    return case.contact_phone if recipient == Recipient.CONTACT else case.applicant_phone


def announce(session: AsyncSession, case: CaseRow, now: datetime, notice: Notice) -> None:
    """Nothing at all when the family chose not to be told."""
    if not case.notices_enabled:
        return
    for recipient in recipients(case):
        row = NoticeRow(
            id=str(uuid.uuid4()), case_id=case.id, milestone=notice.milestone.value, recipient=recipient.value,
            text=notice.text, status=PENDING, created_at=now,
        )  # fmt: skip
        session.add(row)
        jobs.schedule_notice(session, row, now)
