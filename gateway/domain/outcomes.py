"""How an agency's answer changes an item: the one function for polled answers and call-backs."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.contract import Accepted, Completed, NoRecord, Outcome, Rejected
from gateway.domain.status import ItemStatus
from gateway.domain.transitions import ITEM_TRANSITIONS


@dataclass(frozen=True)
class Change:
    status: ItemStatus
    event_type: str
    message: str
    applied: bool = True  # False: recorded on the timeline as ignored, nothing else changes


def target_of(outcome: Outcome) -> ItemStatus:
    match outcome:
        case Completed():
            return ItemStatus.COMPLETED
        case Accepted():
            return ItemStatus.ACCEPTED
        case Rejected():
            return ItemStatus.REJECTED
        case NoRecord():
            return ItemStatus.NOT_APPLICABLE


def describe(outcome: Outcome, title: str, agency_name: str) -> tuple[str, str]:
    match outcome:
        case Completed(result=result):
            return "ITEM_COMPLETED", f"{agency_name}已办结“{title}”：{result.summary}"
        case Accepted(reference=reference):
            return "ITEM_ACCEPTED", f"{agency_name}已受理“{title}”，受理编号 {reference}，请耐心等待办理结果"
        case Rejected(reason=reason):
            return "ITEM_REJECTED", f"{agency_name}未通过“{title}”：{reason}。请按提示修改后重新提交"
        case NoRecord(reason=reason):
            return "ITEM_NOT_APPLICABLE", f"“{title}”无需办理：{reason}"


def apply_outcome(current: ItemStatus, outcome: Outcome, title: str, agency_name: str) -> Change:
    """An answer that the item's state cannot take (a repeat, a late answer) is ignored, and said so."""
    target = target_of(outcome)
    event_type, message = describe(outcome, title, agency_name)
    if current == target == ItemStatus.ACCEPTED:
        return Change(current, "ITEM_STILL_PROCESSING", message, applied=False)
    if target not in ITEM_TRANSITIONS[current]:
        note = f"已忽略{agency_name}关于“{title}”的重复或迟到答复（当前状态：{current.value}）"
        return Change(current, "OUTCOME_IGNORED", note, applied=False)
    return Change(target, event_type, message)
