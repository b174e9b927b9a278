"""Home deaths (plan 二), the pure rules: who reports where, one confirmation, what waits for it."""

from __future__ import annotations

from adapters.kinds import ItemKind
from gateway.domain.home_deaths import (
    MESSAGES,
    HomeDeathStatus,
    confirmation_problem,
    covers,
    held_back,
    link_problem,
)


def test_a_committee_covers_its_own_region_only() -> None:
    assert covers("6401", "640104") and covers("640104", "640104")
    assert not covers("6402", "640104") and not covers(None, "640104")


def test_a_report_is_confirmed_once() -> None:
    assert confirmation_problem(HomeDeathStatus.REPORTED) is None
    assert confirmation_problem(HomeDeathStatus.CONFIRMED) == "ALREADY_CONFIRMED"


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
