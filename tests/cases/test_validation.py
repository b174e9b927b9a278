from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from adapters.kinds import ItemKind
from gateway.cases.forms import ApplicantForm, ApplicationForm, BankAccountForm, DeceasedForm
from gateway.cases.validation import account_problems, application_problems
from gateway.domain.catalogue import CATALOGUE, PAYOUT_ITEMS, ItemDefinition
from gateway.domain.identity import expected_check_character
from gateway.errors import Problem

TODAY = date(2026, 3, 1)
K = ItemKind


def id_number(region: str = "640104", birth: str = "19450312", sequence: str = "123") -> str:
    first17 = region + birth + sequence
    return first17 + expected_check_character(first17)


def wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


DECEASED = DeceasedForm(
    name="王建国",
    id_number=id_number(),
    death_date=date(2026, 2, 20),
    death_place="宁夏医科大学总医院",
    death_type="NORMAL",
    died_in_medical_institution=True,
    household_region_code="640104",
    disposal="CREMATION",
)
APPLICANT = ApplicantForm("王小明", id_number(birth="19750312", sequence="214"), "13912345678", "CHILD")
ACCOUNT = BankAccountForm("中国工商银行银川分行", "王小明", "6222 0202 0011 2233")
APPLICATION = ApplicationForm("WINDOW", DECEASED, APPLICANT, ACCOUNT, (K.FUNERAL_GRANT, K.WILL_NOTARY_CHECK))


def problems(**changes: Any) -> list[Problem]:
    deceased = replace(DECEASED, **{k[2:]: v for k, v in changes.items() if k.startswith("d_")})
    applicant = replace(APPLICANT, **{k[2:]: v for k, v in changes.items() if k.startswith("a_")})
    form = replace(APPLICATION, deceased=deceased, applicant=applicant)
    form = replace(form, **{k: v for k, v in changes.items() if k in ("payout_account", "optional_items")})
    return application_problems(form, TODAY)


def codes(found: list[Problem]) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in found]


def test_a_valid_application_has_no_problems() -> None:
    assert problems() == []


@pytest.mark.parametrize("phone", ["13912345678", "0951-6012345", "09516012345", "010-12345678"])
def test_mobile_and_landline_numbers_are_accepted(phone: str) -> None:
    assert problems(a_phone=phone) == []


def test_an_application_choosing_nothing_and_giving_no_account_is_valid() -> None:
    assert problems(optional_items=None, payout_account=None) == []


@pytest.mark.parametrize(("key", "field"), [("d_id_number", "deceased"), ("a_id_number", "applicant")])
def test_a_wrong_check_character_is_named_on_its_field(key: str, field: str) -> None:
    number = wrong_check(DECEASED.id_number if field == "deceased" else APPLICANT.id_number)
    found = problems(**{key: number})
    assert codes(found) == [(f"input.{field}.idNumber", "ID_NUMBER_CHECKSUM")]
    assert "校验位" in found[0].message


@pytest.mark.parametrize("region", ["610102", "110105", "640000", "649901"])
def test_a_household_outside_ningxia_is_out_of_scope(region: str) -> None:
    found = problems(d_household_region_code=region)
    assert codes(found) == [("input.deceased.householdRegionCode", "OUT_OF_SCOPE_REGION")]
    assert "宁夏" in found[0].message


def test_a_death_in_another_province_is_out_of_scope() -> None:
    assert codes(problems(d_death_place="陕西省西安市第一医院")) == [
        ("input.deceased.deathPlace", "OUT_OF_SCOPE_DEATH_PLACE")
    ]


@pytest.mark.parametrize(
    ("death_date", "code"),
    [(date(2026, 3, 2), "DEATH_DATE_IN_FUTURE"), (date(1949, 12, 31), "DEATH_DATE_TOO_EARLY")],
)
def test_an_impossible_death_date_is_refused(death_date: date, code: str) -> None:
    assert codes(problems(d_death_date=death_date)) == [("input.deceased.deathDate", code)]


def test_death_today_is_accepted() -> None:
    assert problems(d_death_date=TODAY) == []


def test_a_death_before_the_birth_in_the_id_number_is_refused() -> None:
    found = problems(d_id_number=id_number(birth="20000101"), d_death_date=date(1999, 12, 31))
    assert codes(found) == [("input.deceased.deathDate", "DEATH_BEFORE_BIRTH")]


@pytest.mark.parametrize("phone", ["", "1391234567", "139123456789", "23912345678", "12912345678", "139-1234-5678"])
def test_a_malformed_phone_is_refused(phone: str) -> None:
    assert codes(problems(a_phone=phone)) == [("input.applicant.phone", "PHONE_FORMAT")]


@pytest.mark.parametrize("number", ["12345678901", "6222abcd00112233", "6" * 31, ""])
def test_a_malformed_account_number_is_refused(number: str) -> None:
    form = replace(ACCOUNT, account_number=number)
    assert codes(account_problems(form)) == [("input.payoutAccount.accountNumber", "ACCOUNT_NUMBER_FORMAT")]


@pytest.mark.parametrize("kind", sorted(PAYOUT_ITEMS))
def test_a_payout_item_without_an_account_is_refused(kind: ItemKind) -> None:
    found = problems(payout_account=None, optional_items=(kind,))
    assert codes(found) == [("input.payoutAccount", "PAYOUT_ACCOUNT_REQUIRED")]


def test_a_query_without_an_account_is_accepted() -> None:
    assert problems(payout_account=None, optional_items=(K.WILL_NOTARY_CHECK, K.EQUITY_REGISTRATION_QUERY)) == []


@pytest.mark.parametrize("item", [d for d in CATALOGUE if not d.optional], ids=lambda d: d.kind.value)
def test_a_mandatory_item_cannot_be_chosen_as_optional(item: ItemDefinition) -> None:
    found = problems(optional_items=(item.kind,))
    assert codes(found) == [("input.optionalItems", "ITEM_NOT_OPTIONAL")]
    assert item.title in found[0].message


@pytest.mark.parametrize("number", [DECEASED.id_number, f" {DECEASED.id_number.lower()} "])
def test_the_applicant_cannot_be_the_deceased(number: str) -> None:
    assert ("input.applicant.idNumber", "APPLICANT_IS_DECEASED") in codes(problems(a_id_number=number))


@pytest.mark.parametrize("name", ["王\x00建国", "王建国\n", "王\u200b建国", "王\u202e建国", "王\ue000建国"])
@pytest.mark.parametrize("key", ["d_name", "a_name"])
def test_control_and_invisible_characters_in_names_are_refused(key: str, name: str) -> None:
    field = "deceased" if key == "d_name" else "applicant"
    assert codes(problems(**{key: name})) == [(f"input.{field}.name", "INVALID_CHARACTERS")]


@pytest.mark.parametrize("key", ["d_name", "a_name"])
def test_a_blank_name_is_required(key: str) -> None:
    field = "deceased" if key == "d_name" else "applicant"
    assert codes(problems(**{key: "  "})) == [(f"input.{field}.name", "REQUIRED")]


@pytest.mark.parametrize(
    ("key", "field", "limit"),
    [
        ("d_name", "input.deceased.name", 64),
        ("a_name", "input.applicant.name", 64),
        ("d_death_place", "input.deceased.deathPlace", 200),
    ],
)
def test_a_too_long_string_is_refused_and_the_limit_accepted(key: str, field: str, limit: int) -> None:
    assert problems(**{key: "宁" * limit}) == []
    found = problems(**{key: "宁" * (limit + 1)})
    assert codes(found) == [(field, "TOO_LONG")]
    assert str(limit) in found[0].message


@pytest.mark.parametrize(("field", "limit"), [("bank_name", 100), ("account_name", 64)])
def test_a_too_long_account_field_is_refused(field: str, limit: int) -> None:
    found = account_problems(replace(ACCOUNT, **{field: "行" * (limit + 1)}))
    assert [p.code for p in found] == ["TOO_LONG"]


def test_a_phone_with_a_trailing_newline_is_refused() -> None:
    assert codes(problems(a_phone="13912345678\n")) == [("input.applicant.phone", "PHONE_FORMAT")]


def test_a_phone_with_full_width_digits_is_refused() -> None:
    assert codes(problems(a_phone="139１２３４５６７８")) == [("input.applicant.phone", "PHONE_FORMAT")]


@pytest.mark.parametrize("number", ["6222020200112233\n", "６２２２０２０２００１１２２３３", "٦٢٢٢٠٢٠٢٠٠١١٢٢٣٣"])
def test_an_account_number_with_anything_but_ascii_digits_is_refused(number: str) -> None:
    form = replace(ACCOUNT, account_number=number)
    assert codes(account_problems(form)) == [("input.payoutAccount.accountNumber", "ACCOUNT_NUMBER_FORMAT")]
