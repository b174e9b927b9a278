"""What a family sees of its case before its relationship to the deceased is verified.

Preparation asks every agency what it holds on the deceased and checks the application against the
police register; the answers shape the review reasons, the timeline, which items apply and the
registered region. Anyone can type a stranger's identity number into an application, so none of
that reaches an applicant until the register lists them as a near relative or a clerk has approved
the case (`sees_register_findings`). Until then they see their case as they sent it, waiting for
review. Clerks, agencies and admins see the case as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from gateway.domain.status import CaseStatus, ItemStatus
from gateway.security.policy import case_region, sees_register_findings
from gateway.security.tokens import Principal
from gateway.store.records import AnyCase, EventRecord, ItemRecord

WAITING_FOR_REVIEW = "您的申请正在等待综合窗口审核，核验通过后将显示办理详情"
# Entries a person wrote for the family; every other entry's text is replaced while unverified.
WRITTEN_FOR_THE_FAMILY = frozenset({"SUBMITTED", "RESUBMITTED", "RETURNED", "WITHDRAWN", "APPROVED", "NOTICES_CHANGED"})
NEUTRAL_ENTRIES = {
    "DATA_CHECKED": "已通过数据共享向各部门核查申请信息",
    "UNDER_REVIEW": "申请已转综合窗口人工核验，请等待审核结果",
}


def review_note(principal: Principal | None, case: AnyCase) -> str | None:
    if sees_register_findings(principal, case):
        return case.review_note
    if case.status == CaseStatus.RETURNED:
        return case.review_note  # the clerk's reason for returning it, written for the family
    return WAITING_FOR_REVIEW if case.status == CaseStatus.UNDER_REVIEW else None


def region_code(principal: Principal | None, case: AnyCase) -> str:
    """The registered region once the family may know it; the declared one before."""
    return case_region(case) if sees_register_findings(principal, case) else case.region_code


def timeline(principal: Principal | None, case: AnyCase, events: Sequence[EventRecord]) -> list[EventRecord]:
    if sees_register_findings(principal, case):
        return list(events)
    return [e if e.type in WRITTEN_FOR_THE_FAMILY else _neutral(e) for e in events]


def items(principal: Principal | None, case: AnyCase, rows: Sequence[ItemRecord]) -> list[ItemRecord]:
    """Which items apply says what the agencies hold (a pension, social assistance): until verified,
    every item shows as waiting, as it did when the application was sent."""
    if sees_register_findings(principal, case):
        return list(rows)
    return [_waiting(r) if r.status == ItemStatus.NOT_APPLICABLE else r for r in rows]


def _neutral(event: EventRecord) -> EventRecord:
    return event._replace(message=NEUTRAL_ENTRIES.get(event.type, "申请正在办理中"))


def _waiting(row: ItemRecord) -> ItemRecord:
    return row._replace(status=ItemStatus.WAITING.value)
