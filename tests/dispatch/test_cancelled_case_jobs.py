"""Stopping a case's work (a withdrawal) leaves its queued notices to be sent."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from adapters.kinds import Agency, ItemKind
from gateway.dispatch import jobs
from gateway.dispatch.notices import announce
from gateway.domain.notices import returned
from gateway.domain.status import ItemStatus
from gateway.store.models import JobRow
from tests.support.inprocess import gateway_in_process
from tests.support.rows import case_row, item_row

NOW = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)


async def test_a_withdrawn_cases_item_jobs_go_and_its_queued_notices_stay(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gateway:
        async with gateway.services.db.writing() as session:
            case = case_row("640104", NOW, "RETURNED")
            item = item_row(case, ItemKind.HUKOU_CANCELLATION, Agency.PUBLIC_SECURITY, ItemStatus.READY)
            session.add_all([case, item])
            await session.flush()
            await jobs.schedule(session, jobs.SUBMIT, case.id, item.id, NOW, NOW)
            announce(session, case, NOW, returned(case.reference or "", "请补充材料"))
        async with gateway.services.db.writing() as session:
            await jobs.cancel_case_jobs(session, case.id)
        async with gateway.services.db.reading() as session:
            left = (await session.scalars(select(JobRow.action).where(JobRow.case_id == case.id))).all()
    assert left and set(left) == {jobs.NOTICE}  # one per recipient; the item's job is gone
