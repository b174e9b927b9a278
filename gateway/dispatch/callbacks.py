"""Agencies that answer later call us back (`reportItemOutcome`); the answer lands like a polled one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from adapters.contract import Accepted, Completed, Outcome, Rejected, ResultData
from adapters.errors import AdapterError
from adapters.kinds import Agency, ItemKind
from gateway.dispatch import jobs
from gateway.dispatch.recording import record_outcome
from gateway.domain.status import NOT_YET_SENT, SETTLED_ITEM_STATUSES, ItemStatus
from gateway.errors import Problem, Refused, not_found
from gateway.security.policy import permit
from gateway.security.tokens import Principal, Role
from gateway.services import Services
from gateway.store import queries
from gateway.store.models import ItemRow


@dataclass(frozen=True)
class OutcomeReport:
    accepted: bool | None = None
    completed: bool | None = None
    rejection_reason: str | None = None
    agency_reference: str | None = None
    result: Mapping[str, Any] | None = None


def _outcome(services: Services, kind: ItemKind, report: OutcomeReport) -> Outcome:
    reference = (report.agency_reference or "").strip() or None
    if report.rejection_reason and report.rejection_reason.strip():
        return Rejected(report.rejection_reason.strip()[:500], reference)
    if report.completed:
        if report.result is None:
            return Completed(reference, ResultData(summary="已办结"))
        try:
            return services.endpoints.for_kind(kind).map_status_body(kind, report.result)
        except AdapterError as error:
            raise Refused(Problem("outcome.result", "UNREADABLE_RESULT", f"办理结果无法识别：{error.detail}")) from None
    if report.accepted and reference:
        return Accepted(reference, services.settings.callback_poll_seconds)
    raise Refused(
        Problem(
            "outcome",
            "EMPTY_OUTCOME",
            "请说明受理(accepted 及受理编号)、办结(completed)或不予办理的原因(rejectionReason)",
        )
    )


async def report_outcome(
    services: Services, principal: Principal | None, item_id: str, report: OutcomeReport
) -> ItemRow:
    principal = permit(principal, "reportItemOutcome")
    now = services.clock()
    async with services.db.writing() as session:
        item = await queries.item_by_id(session, item_id)
        if item is None or (principal.role == Role.AGENCY and principal.agency != Agency(item.agency)):
            raise not_found("itemId")
        # The case first (the lock order of gateway/dispatch/locking.py), then the item as it
        # stands under that lock, and only then its job.
        case = await queries.lock_case(session, item.case_id)
        await session.refresh(item)
        if item.status in NOT_YET_SENT and item.generation == 0 and not item.dispatched_at:
            raise Refused(Problem("itemId", "ITEM_NOT_DISPATCHED", "该事项尚未推送至贵部门"))
        outcome = _outcome(services, ItemKind(item.kind), report)
        await record_outcome(session, case, item, outcome, now, actor=principal.actor)
        if item.status in SETTLED_ITEM_STATUSES:
            await jobs.cancel_item_job(session, item.id)
        elif item.status == ItemStatus.ACCEPTED:
            due = now + timedelta(seconds=services.settings.callback_poll_seconds)
            await jobs.schedule(session, jobs.POLL, case.id, item.id, due, now)
        return item
