"""The states of a case and of its items (DOMAIN.md §5)."""

from enum import StrEnum


class CaseStatus(StrEnum):
    SUBMITTED = "SUBMITTED"
    UNDER_REVIEW = "UNDER_REVIEW"
    RETURNED = "RETURNED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    PARTIALLY_COMPLETED = "PARTIALLY_COMPLETED"
    WITHDRAWN = "WITHDRAWN"


class ItemStatus(StrEnum):
    NOT_APPLICABLE = "NOT_APPLICABLE"
    WAITING = "WAITING"
    READY = "READY"
    DISPATCHED = "DISPATCHED"
    ACCEPTED = "ACCEPTED"
    COMPLETED = "COMPLETED"
    REJECTED = "REJECTED"
    FAILED = "FAILED"


C, S = CaseStatus, ItemStatus

# The groupings every room asks about, named once here so that a new status is placed in one file.

# Past review and in the agencies' hands (or finished there): the family's relationship was accepted.
APPROVED_CASE_STATUSES = frozenset({C.IN_PROGRESS, C.PARTIALLY_COMPLETED, C.COMPLETED})

# Every item answered for good: the family may rate the case (好差评), and statistics count it finished.
FINISHED_CASE_STATUSES = frozenset({C.COMPLETED, C.PARTIALLY_COMPLETED})

# Nothing more will come of the item: its agency answered for good, or it never applied.
SETTLED_ITEM_STATUSES = frozenset({S.COMPLETED, S.REJECTED, S.NOT_APPLICABLE})
UNSETTLED_ITEM_STATUSES = frozenset(S) - SETTLED_ITEM_STATUSES  # it waits, travels or is retried
SATISFIES_PREREQUISITE = frozenset({S.COMPLETED, S.NOT_APPLICABLE})
# An item that asks the family for no more papers: done (a card not handed back was voided), or not applying.
WANTS_NO_PAPERS = frozenset({S.COMPLETED, S.NOT_APPLICABLE})
# Never gone out (in this generation): no agency can be answering about it.
NOT_YET_SENT = frozenset({S.WAITING, S.READY, S.NOT_APPLICABLE})
# Once an item has reached its agency, that agency may see the case.
REACHED_AGENCY = frozenset({S.DISPATCHED, S.ACCEPTED, S.COMPLETED, S.REJECTED, S.FAILED})
# With its agency and unanswered: such an item may run past its deadline.
OPEN_AT_AGENCY = frozenset({S.DISPATCHED, S.ACCEPTED, S.FAILED})
# What a SUBMIT job may (re-)send, and what a POLL job may ask after.
SENDABLE = frozenset({S.READY, S.FAILED, S.DISPATCHED})
POLLABLE = frozenset({S.ACCEPTED})
# Going out now: a delivery failure or an internal error shows such an item FAILED.
GOING_OUT = frozenset({S.DISPATCHED, S.READY})
# Stalled at its agency (failed, or accepted and unanswered): a person may hurry it with retryItem,
# and an open circuit holds back its automatic re-send or poll.
STALLED_AT_AGENCY = frozenset({S.FAILED, S.ACCEPTED})
# Turned back (refused, or never delivered): the family may correct and resubmit it.
RESUBMITTABLE = frozenset({S.REJECTED, S.FAILED})
