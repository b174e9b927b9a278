import re
from decimal import Decimal

import pytest

from adapters.contract import Accepted, Completed, NoRecord, Outcome, Rejected, ResultData
from gateway.domain.outcomes import apply_outcome, target_of
from gateway.domain.status import ItemStatus

S = ItemStatus
HAN = re.compile(r"[\u4e00-\u9fff]")
TITLE, AGENCY = "丧葬补助金申领", "人力资源社会保障部门"
COMPLETED = Completed("RS-001", ResultData("丧葬补助金 12000 元已发放", amount=Decimal(12000)))
ACCEPTED = Accepted("RS-ACC-7")
REJECTED = Rejected("收款账户户名与申请人不一致")
NO_RECORD = NoRecord("未查询到参保记录")


@pytest.mark.parametrize(
    ("outcome", "status", "event_type", "detail"),
    [
        (COMPLETED, S.COMPLETED, "ITEM_COMPLETED", "丧葬补助金 12000 元已发放"),
        (ACCEPTED, S.ACCEPTED, "ITEM_ACCEPTED", "RS-ACC-7"),
        (REJECTED, S.REJECTED, "ITEM_REJECTED", "收款账户户名与申请人不一致"),
        (NO_RECORD, S.NOT_APPLICABLE, "ITEM_NOT_APPLICABLE", "未查询到参保记录"),
    ],
    ids=["completed", "accepted", "rejected", "no-record"],
)
def test_an_answer_moves_a_dispatched_item_and_tells_the_family_in_chinese(
    outcome: Outcome, status: ItemStatus, event_type: str, detail: str
) -> None:
    change = apply_outcome(S.DISPATCHED, outcome, TITLE, AGENCY)
    assert (change.status, change.event_type, change.applied) == (status, event_type, True)
    assert target_of(outcome) == status
    assert HAN.search(change.message)
    assert TITLE in change.message
    assert detail in change.message


def test_a_rejection_tells_the_family_to_correct_and_resubmit() -> None:
    assert "重新提交" in apply_outcome(S.DISPATCHED, REJECTED, TITLE, AGENCY).message


@pytest.mark.parametrize(
    ("outcome", "status"), [(COMPLETED, S.COMPLETED), (REJECTED, S.REJECTED), (NO_RECORD, S.NOT_APPLICABLE)]
)
def test_an_accepted_item_takes_its_final_answer(outcome: Outcome, status: ItemStatus) -> None:
    change = apply_outcome(S.ACCEPTED, outcome, TITLE, AGENCY)
    assert change.applied
    assert change.status == status


def test_a_repeated_completion_is_not_applied_and_is_said_to_be_ignored() -> None:
    change = apply_outcome(S.COMPLETED, COMPLETED, TITLE, AGENCY)
    assert not change.applied
    assert change.status == S.COMPLETED
    assert change.event_type == "OUTCOME_IGNORED"
    assert "已忽略" in change.message
    assert AGENCY in change.message
    assert TITLE in change.message
    assert "COMPLETED" in change.message


@pytest.mark.parametrize("outcome", [ACCEPTED, REJECTED, NO_RECORD], ids=["accepted", "rejected", "no-record"])
def test_nothing_changes_a_completed_item(outcome: Outcome) -> None:
    change = apply_outcome(S.COMPLETED, outcome, TITLE, AGENCY)
    assert (change.status, change.event_type, change.applied) == (S.COMPLETED, "OUTCOME_IGNORED", False)


def test_accepted_again_on_an_accepted_item_means_still_processing() -> None:
    change = apply_outcome(S.ACCEPTED, ACCEPTED, TITLE, AGENCY)
    assert (change.status, change.event_type, change.applied) == (S.ACCEPTED, "ITEM_STILL_PROCESSING", False)
    assert "RS-ACC-7" in change.message


@pytest.mark.parametrize(
    ("outcome", "status"),
    [(COMPLETED, S.COMPLETED), (ACCEPTED, S.ACCEPTED), (REJECTED, S.REJECTED), (NO_RECORD, S.NOT_APPLICABLE)],
)
def test_a_late_answer_on_a_failed_item_applies(outcome: Outcome, status: ItemStatus) -> None:
    change = apply_outcome(S.FAILED, outcome, TITLE, AGENCY)
    assert change.applied
    assert change.status == status
    assert change.event_type != "OUTCOME_IGNORED"


@pytest.mark.parametrize("current", [S.WAITING, S.READY, S.REJECTED, S.NOT_APPLICABLE])
def test_an_answer_for_an_item_that_is_not_out_with_the_agency_is_ignored(current: ItemStatus) -> None:
    change = apply_outcome(current, COMPLETED, TITLE, AGENCY)
    assert (change.status, change.event_type, change.applied) == (current, "OUTCOME_IGNORED", False)
    assert current.value in change.message
