"""Moving a case along: release items whose prerequisites are met, close the case when all settle."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.kinds import ItemKind
from gateway.cases.timeline import SYSTEM, record
from gateway.dispatch import jobs
from gateway.dispatch.notices import announce
from gateway.domain.home_deaths import held_back
from gateway.domain.notices import Notice, case_completed, case_partially_completed
from gateway.domain.rules import death_certificate_unobtainable, releasable, unobtainable_reason
from gateway.domain.status import CaseStatus, ItemStatus
from gateway.domain.transitions import move_case, move_item, settled_case_status
from gateway.store.models import CaseRow, ItemRow

CLOSING_MESSAGES = {
    CaseStatus.COMPLETED: "全部事项已办结，个人身后“一件事”办理完成",
    CaseStatus.PARTIALLY_COMPLETED: "其余事项已办结；有事项未通过，可按提示修改后重新提交",
}


def statuses_of(items: Sequence[ItemRow]) -> dict[ItemKind, ItemStatus]:
    return {ItemKind(i.kind): ItemStatus(i.status) for i in items}


async def release(session: AsyncSession, case: CaseRow, items: Sequence[ItemRow], now: datetime) -> None:
    if case.status != CaseStatus.IN_PROGRESS:
        return
    by_kind = {ItemKind(i.kind): i for i in items}
    # A report taken over holds the certificate only while the case still says the death was at home.
    reported = case.home_death_report_id is not None and not case.died_in_medical_institution
    held = held_back(reported, case.home_death_confirmed)
    for kind in (k for k in releasable(statuses_of(items)) if k not in held):
        item = by_kind[kind]
        item.status = move_item(ItemStatus(item.status), ItemStatus.READY)
        item.updated_at = now
        await jobs.schedule(session, jobs.SUBMIT, case.id, item.id, now, now)


def settle(session: AsyncSession, case: CaseRow, items: Sequence[ItemRow], now: datetime) -> None:
    if case.status != CaseStatus.IN_PROGRESS:
        return
    final = settled_case_status(statuses_of(items).values())
    if final is not None:
        case.status = move_case(CaseStatus(case.status), final)
        record(session, case, now, actor=SYSTEM, type=f"CASE_{final.value}", message=CLOSING_MESSAGES[final])
        announce(session, case, now, _closing_notice(case, items, final))


def _closing_notice(case: CaseRow, items: Sequence[ItemRow], final: CaseStatus) -> Notice:
    reference = case.reference or ""
    if final == CaseStatus.COMPLETED:
        return case_completed(reference)
    return case_partially_completed(reference, sum(1 for i in items if i.status == ItemStatus.REJECTED))


def hold_for_review(session: AsyncSession, case: CaseRow, items: Sequence[ItemRow], now: datetime) -> None:
    """No death certificate can be had: the case goes back to a clerk with what the issuers said."""
    if case.status != CaseStatus.IN_PROGRESS or not death_certificate_unobtainable(statuses_of(items)):
        return
    notes = {ItemKind(i.kind): i.rejection_reason or i.result_summary for i in items}
    case.status = move_case(CaseStatus.IN_PROGRESS, CaseStatus.UNDER_REVIEW)
    case.review_note = unobtainable_reason(notes)
    record(session, case, now, actor=SYSTEM, type="UNDER_REVIEW", message=f"已转综合窗口人工预审：{case.review_note}")


async def advance(session: AsyncSession, case: CaseRow, items: Sequence[ItemRow], now: datetime) -> None:
    await release(session, case, items, now)
    hold_for_review(session, case, items, now)
    settle(session, case, items, now)
