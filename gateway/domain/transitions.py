"""The case and item state machines. An illegal move raises; it is never silently ignored."""

from __future__ import annotations

from collections.abc import Iterable

from gateway.domain.status import SETTLED_ITEM_STATUSES, CaseStatus, ItemStatus

C, S = CaseStatus, ItemStatus

CASE_TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    C.SUBMITTED: frozenset({C.UNDER_REVIEW, C.IN_PROGRESS, C.WITHDRAWN}),
    C.UNDER_REVIEW: frozenset({C.IN_PROGRESS, C.RETURNED, C.WITHDRAWN}),
    C.RETURNED: frozenset({C.SUBMITTED, C.WITHDRAWN}),
    # Back to a clerk when no death certificate can be had: nothing else may go out without one.
    C.IN_PROGRESS: frozenset({C.UNDER_REVIEW, C.COMPLETED, C.PARTIALLY_COMPLETED, C.WITHDRAWN}),
    C.PARTIALLY_COMPLETED: frozenset({C.IN_PROGRESS}),
    C.COMPLETED: frozenset({C.IN_PROGRESS}),  # a late resubmission of a rejected query
    C.WITHDRAWN: frozenset(),
}

ITEM_TRANSITIONS: dict[ItemStatus, frozenset[ItemStatus]] = {
    S.WAITING: frozenset({S.READY, S.NOT_APPLICABLE}),
    S.READY: frozenset({S.DISPATCHED, S.FAILED, S.WAITING, S.NOT_APPLICABLE}),  # FAILED: it broke before it went out
    S.DISPATCHED: frozenset({S.ACCEPTED, S.COMPLETED, S.REJECTED, S.FAILED, S.NOT_APPLICABLE}),
    S.ACCEPTED: frozenset({S.COMPLETED, S.REJECTED, S.NOT_APPLICABLE}),
    S.FAILED: frozenset({S.DISPATCHED, S.READY, S.ACCEPTED, S.COMPLETED, S.REJECTED, S.NOT_APPLICABLE}),
    S.REJECTED: frozenset({S.READY, S.WAITING}),
    S.NOT_APPLICABLE: frozenset({S.WAITING, S.READY}),  # re-judged after a corrected resubmission
    S.COMPLETED: frozenset(),
}


class IllegalTransition(Exception):
    def __init__(self, what: str, current: str, target: str) -> None:
        super().__init__(f"{what} cannot move from {current} to {target}")
        self.current = current
        self.target = target


def move_case(current: CaseStatus, target: CaseStatus) -> CaseStatus:
    if target not in CASE_TRANSITIONS[current]:
        raise IllegalTransition("case", current, target)
    return target


def move_item(current: ItemStatus, target: ItemStatus) -> ItemStatus:
    if target != current and target not in ITEM_TRANSITIONS[current]:
        raise IllegalTransition("item", current, target)
    return target


def settled_case_status(items: Iterable[ItemStatus]) -> CaseStatus | None:
    """The final status once every item has settled, else None (the case is still running)."""
    statuses = list(items)
    if not all(s in SETTLED_ITEM_STATUSES for s in statuses):
        return None
    return C.PARTIALLY_COMPLETED if S.REJECTED in statuses else C.COMPLETED


def may_withdraw(case: CaseStatus, items: Iterable[ItemStatus]) -> bool:
    """The family may withdraw before anything has gone out to an agency (DOMAIN.md §5)."""
    if case in (C.SUBMITTED, C.UNDER_REVIEW, C.RETURNED):
        return True
    quiet = {S.WAITING, S.READY, S.NOT_APPLICABLE}
    return case == C.IN_PROGRESS and all(s in quiet for s in items)
