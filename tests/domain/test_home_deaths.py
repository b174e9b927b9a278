"""Home deaths (plan 二), the pure rules: who reports where, one decision per report, what waits for it."""

from __future__ import annotations

from adapters.kinds import ItemKind
from gateway.domain.home_deaths import (
    MESSAGES,
    HomeDeathStatus,
    covers,
    decision_problem,
    held_back,
    link_problem,
    reason_problem,
    withdrawal_problem,
)

S = HomeDeathStatus


def test_a_committee_covers_its_own_region_only() -> None:
    assert covers("6401", "640104") and covers("640104", "640104")
    assert not covers("6402", "640104") and not covers(None, "640104")


def test_a_report_is_decided_once_and_a_confirmed_one_stands() -> None:
    assert decision_problem(S.REPORTED) is None
    assert decision_problem(S.CONFIRMED) == "ALREADY_CONFIRMED"
    assert decision_problem(S.WITHDRAWN) == decision_problem(S.DECLINED) == "REPORT_CLOSED"


def test_only_the_committee_that_filed_a_report_withdraws_it_and_only_while_it_awaits() -> None:
    assert withdrawal_problem(S.REPORTED, by_its_reporter=True) is None
    assert withdrawal_problem(S.REPORTED, by_its_reporter=False) == "NOT_YOUR_REPORT"
    assert withdrawal_problem(S.CONFIRMED, by_its_reporter=True) == "ALREADY_CONFIRMED"
    assert withdrawal_problem(S.DECLINED, by_its_reporter=True) == "REPORT_CLOSED"


def test_closing_a_report_unconfirmed_needs_a_reason_of_bounded_length() -> None:
    assert reason_problem("家属电话多次无人接听，无法确认") is None
    assert reason_problem("  ") == reason_problem("") == reason_problem("因" * 501) == "REASON_REQUIRED"
    assert "500" in MESSAGES["REASON_REQUIRED"]


def test_a_closed_report_cannot_be_taken_over() -> None:
    assert link_problem(normal_death=True, died_in_medical_institution=False, same_person=True, closed=True) == (
        "REPORT_CLOSED"
    )


def test_an_unconfirmed_report_holds_back_the_medical_death_certificate_alone() -> None:
    assert held_back(linked=True, confirmed=False) == {ItemKind.MEDICAL_DEATH_CERTIFICATE}
    assert held_back(linked=True, confirmed=True) == frozenset()
    assert held_back(linked=False, confirmed=False) == frozenset()


def test_an_application_takes_over_only_a_normal_death_at_home_of_the_same_person() -> None:
    assert link_problem(normal_death=True, died_in_medical_institution=False, same_person=True) is None
    assert link_problem(normal_death=True, died_in_medical_institution=True, same_person=True) == "NOT_A_HOME_DEATH"
    assert link_problem(normal_death=False, died_in_medical_institution=False, same_person=True) == "NOT_A_HOME_DEATH"
    assert (
        link_problem(normal_death=True, died_in_medical_institution=False, same_person=False)
        == "NOT_THE_REPORTED_PERSON"
    )


def test_every_refusal_code_has_a_chinese_message() -> None:
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in message) for message in MESSAGES.values())
