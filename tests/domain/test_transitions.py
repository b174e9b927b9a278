import pytest

from gateway.domain.status import GOING_OUT, CaseStatus, ItemStatus
from gateway.domain.transitions import (
    CASE_TRANSITIONS,
    ITEM_TRANSITIONS,
    IllegalTransition,
    may_withdraw,
    move_case,
    move_item,
    settled_case_status,
)

C, S = CaseStatus, ItemStatus


def test_every_status_has_a_row_in_its_transition_table() -> None:
    assert set(CASE_TRANSITIONS) == set(CaseStatus)
    assert set(ITEM_TRANSITIONS) == set(ItemStatus)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (C.SUBMITTED, C.UNDER_REVIEW),
        (C.SUBMITTED, C.IN_PROGRESS),
        (C.UNDER_REVIEW, C.RETURNED),
        (C.RETURNED, C.SUBMITTED),
        (C.IN_PROGRESS, C.PARTIALLY_COMPLETED),
        (C.PARTIALLY_COMPLETED, C.IN_PROGRESS),
        (C.UNDER_REVIEW, C.WITHDRAWN),
    ],
)
def test_a_legal_case_move_returns_the_target(current: CaseStatus, target: CaseStatus) -> None:
    assert move_case(current, target) == target


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (C.SUBMITTED, C.COMPLETED),
        (C.RETURNED, C.IN_PROGRESS),
        (C.IN_PROGRESS, C.SUBMITTED),
        (C.COMPLETED, C.WITHDRAWN),
        (C.PARTIALLY_COMPLETED, C.WITHDRAWN),
        (C.SUBMITTED, C.SUBMITTED),
        *((C.WITHDRAWN, target) for target in CaseStatus),
    ],
)
def test_an_illegal_case_move_raises(current: CaseStatus, target: CaseStatus) -> None:
    with pytest.raises(IllegalTransition) as raised:
        move_case(current, target)
    assert (raised.value.current, raised.value.target) == (current, target)
    assert str(raised.value) == f"case cannot move from {current} to {target}"


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.WAITING, S.READY),
        (S.READY, S.DISPATCHED),
        (S.DISPATCHED, S.ACCEPTED),
        (S.ACCEPTED, S.COMPLETED),
        (S.FAILED, S.DISPATCHED),
        (S.FAILED, S.COMPLETED),
        (S.REJECTED, S.READY),
        (S.NOT_APPLICABLE, S.WAITING),
    ],
)
def test_a_legal_item_move_returns_the_target(current: ItemStatus, target: ItemStatus) -> None:
    assert move_item(current, target) == target


@pytest.mark.parametrize("status", list(ItemStatus))
def test_an_item_may_stay_where_it_is(status: ItemStatus) -> None:
    assert move_item(status, status) == status


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.WAITING, S.DISPATCHED),
        (S.WAITING, S.COMPLETED),
        (S.READY, S.COMPLETED),
        (S.ACCEPTED, S.DISPATCHED),
        (S.ACCEPTED, S.FAILED),
        (S.REJECTED, S.COMPLETED),
        (S.NOT_APPLICABLE, S.COMPLETED),
        *((S.COMPLETED, target) for target in ItemStatus if target != S.COMPLETED),
    ],
)
def test_an_illegal_item_move_raises(current: ItemStatus, target: ItemStatus) -> None:
    with pytest.raises(IllegalTransition, match=f"^item cannot move from {current} to {target}$"):
        move_item(current, target)


@pytest.mark.parametrize(
    "items",
    [[S.COMPLETED], [S.COMPLETED, S.NOT_APPLICABLE, S.COMPLETED], [S.NOT_APPLICABLE, S.COMPLETED]],
)
def test_a_case_whose_items_all_completed_or_did_not_apply_is_completed(items: list[ItemStatus]) -> None:
    assert settled_case_status(items) == C.COMPLETED


def test_a_case_with_a_rejected_item_is_partially_completed() -> None:
    assert settled_case_status([S.COMPLETED, S.REJECTED, S.NOT_APPLICABLE]) == C.PARTIALLY_COMPLETED


@pytest.mark.parametrize("running", [S.WAITING, S.READY, S.DISPATCHED, S.ACCEPTED, S.FAILED])
def test_a_case_with_an_unsettled_item_has_no_final_status(running: ItemStatus) -> None:
    assert settled_case_status([S.COMPLETED, S.REJECTED, running]) is None


def test_settled_case_status_accepts_a_generator() -> None:
    assert settled_case_status(s for s in (S.COMPLETED, S.COMPLETED)) == C.COMPLETED


@pytest.mark.parametrize("case", [C.SUBMITTED, C.UNDER_REVIEW, C.RETURNED])
def test_the_family_may_withdraw_before_review_ends(case: CaseStatus) -> None:
    assert may_withdraw(case, [S.WAITING, S.NOT_APPLICABLE])


def test_the_family_may_withdraw_a_case_in_progress_before_anything_is_dispatched() -> None:
    assert may_withdraw(C.IN_PROGRESS, [S.WAITING, S.READY, S.NOT_APPLICABLE])


@pytest.mark.parametrize("sent", [S.DISPATCHED, S.ACCEPTED, S.COMPLETED, S.REJECTED, S.FAILED])
def test_the_family_may_not_withdraw_once_an_item_has_gone_out(sent: ItemStatus) -> None:
    assert not may_withdraw(C.IN_PROGRESS, [S.WAITING, S.READY, sent])


@pytest.mark.parametrize("case", [C.COMPLETED, C.PARTIALLY_COMPLETED, C.WITHDRAWN])
def test_a_finished_or_withdrawn_case_cannot_be_withdrawn(case: CaseStatus) -> None:
    assert not may_withdraw(case, [S.NOT_APPLICABLE])


def test_every_status_an_item_is_in_while_going_out_may_become_failed() -> None:
    """A delivery or an internal error marks the item FAILED from any going-out state, READY included."""
    assert all(move_item(status, ItemStatus.FAILED) == ItemStatus.FAILED for status in GOING_OUT)
