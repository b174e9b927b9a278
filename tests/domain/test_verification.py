from collections.abc import Mapping
from typing import Any

import pytest

from adapters.contract import Records
from adapters.kinds import Agency
from gateway.domain.verification import NEAR_RELATIVES, Claimed, review_reasons

APPLICANT = "640104197503120021"
CLAIMED = Claimed("王建国", "640104", APPLICANT, "CHILD")


def police(found: bool = True, name: str | None = "王建国", **details: Any) -> dict[Agency, Records | None]:
    details = {"household_region_code": "640104", "relatives": [APPLICANT], **details}
    return {Agency.PUBLIC_SECURITY: Records(Agency.PUBLIC_SECURITY, found, frozenset(), name, details)}


def reasons(records: Mapping[Agency, Records | None], claimed: Claimed = CLAIMED) -> list[str]:
    return review_reasons(claimed, records)


def test_an_application_that_matches_the_household_register_has_no_reasons() -> None:
    assert reasons(police()) == []


@pytest.mark.parametrize("relationship", sorted(NEAR_RELATIVES))
def test_every_registered_near_relative_checks_out(relationship: str) -> None:
    assert reasons(police(), Claimed("王建国", "640104", APPLICANT, relationship)) == []


@pytest.mark.parametrize("records", [{}, {Agency.PUBLIC_SECURITY: None}])
def test_an_unreachable_household_register_is_a_reason_on_its_own(records: dict[Agency, Records | None]) -> None:
    assert reasons(records) == ["公安户籍信息暂时无法核验"]


def test_a_deceased_missing_from_the_household_register_is_a_reason_on_its_own() -> None:
    assert reasons(police(found=False)) == ["公安户籍系统中未查到逝者的户籍信息"]


def test_a_name_that_differs_from_the_register_is_reported_with_the_registered_name() -> None:
    assert reasons(police(name="王建军")) == ["逝者姓名与户籍登记不一致（登记为 王建军）"]


def test_a_register_without_a_name_does_not_contradict_the_claim() -> None:
    assert reasons(police(name=None)) == []


def test_a_household_region_that_differs_from_the_register_is_reported() -> None:
    assert reasons(police(household_region_code="640205")) == ["户籍地区划代码与户籍登记不一致"]


def test_a_register_without_a_region_does_not_contradict_the_claim() -> None:
    assert reasons(police(household_region_code=None)) == []


@pytest.mark.parametrize("relatives", [[], ["640104198001010011"]])
def test_an_applicant_not_registered_as_a_near_relative_needs_a_clerk(relatives: list[str]) -> None:
    assert reasons(police(relatives=relatives)) == ["申请人与逝者的关系需人工核验（非户籍登记的近亲属）"]


@pytest.mark.parametrize("relationship", ["SPECIFIED_PERSON", "OTHER_RELATIVE"])
def test_a_specified_person_or_other_relative_always_needs_a_clerk(relationship: str) -> None:
    claimed = Claimed("王建国", "640104", APPLICANT, relationship)
    assert reasons(police(), claimed) == ["申请人与逝者的关系需人工核验（非户籍登记的近亲属）"]


def test_every_mismatch_is_listed() -> None:
    records = police(name="李四", household_region_code="640303", relatives=[])
    assert len(reasons(records)) == 3


def test_other_agencies_records_do_not_matter_to_pre_review() -> None:
    records = {**police(), Agency.HRSS: None, Agency.CIVIL_AFFAIRS: None}
    assert reasons(records) == []
