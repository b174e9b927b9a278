"""The status groupings of gateway/domain/status.py, checked against the state machines they summarise."""

from gateway.domain.status import (
    APPROVED_CASE_STATUSES,
    GOING_OUT,
    NOT_YET_SENT,
    OPEN_AT_AGENCY,
    POLLABLE,
    REACHED_AGENCY,
    RESUBMITTABLE,
    SENDABLE,
    SETTLED_ITEM_STATUSES,
    STALLED_AT_AGENCY,
    UNSETTLED_ITEM_STATUSES,
    CaseStatus,
    ItemStatus,
)
from gateway.domain.transitions import CASE_TRANSITIONS, ITEM_TRANSITIONS

C, S = CaseStatus, ItemStatus


def test_every_item_status_is_either_settled_or_unsettled() -> None:
    assert set(ItemStatus) == SETTLED_ITEM_STATUSES | UNSETTLED_ITEM_STATUSES
    assert not SETTLED_ITEM_STATUSES & UNSETTLED_ITEM_STATUSES


def test_settled_items_are_those_no_agency_answer_moves_any_further() -> None:
    answers = {S.ACCEPTED, S.COMPLETED, S.REJECTED}
    assert all(not ITEM_TRANSITIONS[s] & answers for s in SETTLED_ITEM_STATUSES - {S.REJECTED})
    assert S.REJECTED in SETTLED_ITEM_STATUSES  # a refusal stays until the family resubmits


def test_an_agency_reaches_a_case_only_through_statuses_after_dispatch() -> None:
    assert OPEN_AT_AGENCY | {S.COMPLETED, S.REJECTED} == REACHED_AGENCY
    assert not REACHED_AGENCY & NOT_YET_SENT


def test_items_not_yet_sent_are_those_before_dispatch() -> None:
    assert {S.WAITING, S.READY, S.NOT_APPLICABLE} == NOT_YET_SENT
    assert S.DISPATCHED in ITEM_TRANSITIONS[S.READY]


def test_only_items_open_at_their_agency_can_run_late() -> None:
    assert {S.DISPATCHED, S.ACCEPTED, S.FAILED} == OPEN_AT_AGENCY
    assert OPEN_AT_AGENCY <= UNSETTLED_ITEM_STATUSES


def test_a_submit_job_sends_what_may_become_dispatched_and_a_poll_asks_after_accepted_items() -> None:
    assert {S.READY, S.FAILED, S.DISPATCHED} == SENDABLE
    assert all(s == S.DISPATCHED or S.DISPATCHED in ITEM_TRANSITIONS[s] for s in SENDABLE)
    assert {S.ACCEPTED} == POLLABLE


def test_items_going_out_are_the_ones_a_failure_marks_failed() -> None:
    assert {S.DISPATCHED, S.READY} == GOING_OUT
    assert S.FAILED in ITEM_TRANSITIONS[S.DISPATCHED]


def test_stalled_items_are_open_at_their_agency_and_resubmittable_ones_can_go_out_again() -> None:
    assert {S.FAILED, S.ACCEPTED} == STALLED_AT_AGENCY
    assert STALLED_AT_AGENCY <= OPEN_AT_AGENCY
    assert {S.REJECTED, S.FAILED} == RESUBMITTABLE
    assert all(ITEM_TRANSITIONS[s] & {S.READY, S.WAITING} for s in RESUBMITTABLE)


def test_approved_cases_are_those_past_review_and_never_withdrawn() -> None:
    assert {C.IN_PROGRESS, C.PARTIALLY_COMPLETED, C.COMPLETED} == APPROVED_CASE_STATUSES
    assert C.IN_PROGRESS in CASE_TRANSITIONS[C.UNDER_REVIEW]
    assert all(C.IN_PROGRESS in CASE_TRANSITIONS[s] for s in APPROVED_CASE_STATUSES - {C.IN_PROGRESS})
