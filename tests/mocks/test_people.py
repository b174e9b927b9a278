"""The seeded population: valid, stable, and covering every scenario the gateway must handle."""

from __future__ import annotations

from collections import Counter
from datetime import date

import httpx
import pytest

from mocks.people import as_json, population
from mocks.people.idcard import check_character, id_number, is_valid
from mocks.people.outcomes import expected_rejections, item_kinds

KINDS = {
    "MEDICAL_DEATH_CERTIFICATE", "ABNORMAL_DEATH_CERTIFICATE", "CREMATION_CERTIFICATE", "GRAVE_USE_CERTIFICATE",
    "BURIAL_CERTIFICATE", "HUKOU_CANCELLATION", "DRIVING_LICENCE_CANCELLATION", "SOCIAL_INSURANCE_SUSPENSION",
    "PENSION_ACCOUNT_REFUND", "FUNERAL_GRANT", "SURVIVOR_BENEFIT", "UNEMPLOYMENT_BENEFIT_STOP",
    "MEDICAL_INSURANCE_TERMINATION", "MEDICAL_ACCOUNT_WITHDRAWAL", "HOUSING_FUND_WITHDRAWAL",
    "SOCIAL_ASSISTANCE_TERMINATION", "ELDERLY_SUBSIDY_TERMINATION", "DISABILITY_SUBSIDY_TERMINATION",
    "VETERAN_BENEFIT_SETTLEMENT", "DISABILITY_CERTIFICATE_CANCELLATION", "WILL_NOTARY_CHECK",
    "EQUITY_REGISTRATION_QUERY", "SMALL_DEPOSIT_WITHDRAWAL",
}  # fmt: skip
ANCHOR = date(2026, 11, 28)


def test_the_check_character_follows_gb_11643() -> None:
    assert check_character("11010519491231002") == "X"  # the standard's own worked example
    assert is_valid("11010519491231002X")
    assert not is_valid("110105194912310021")
    assert not is_valid("640104194802300513")  # 30 February


def test_an_odd_sequence_is_a_man_and_an_even_one_a_woman() -> None:
    assert id_number("640104", "19480312", 51)[16] == "1"
    with pytest.raises(ValueError):
        id_number("640104", "19480230", 51)


def test_there_are_at_least_forty_people_with_unique_valid_identity_numbers() -> None:
    people = population()
    numbers = [p.id_number for p in people] + [p.applicant.id_number for p in people]

    assert len(people) >= 40
    assert all(is_valid(number) for number in numbers)
    assert len(set(numbers)) == len(numbers)


def test_deaths_are_in_the_recent_past() -> None:
    assert all(date(2026, 9, 1) <= p.death_date <= ANCHOR for p in population())


def test_every_item_kind_applies_to_someone() -> None:
    covered = {kind for person in population() for kind in item_kinds(person)}

    assert covered == KINDS


def test_every_prefecture_and_someone_outside_ningxia_are_present() -> None:
    prefectures = Counter(p.region[:4] for p in population())

    assert {"6401", "6402", "6403", "6404", "6405"} <= set(prefectures)
    assert any(not p.local and "宁夏" not in p.death_place for p in population())


def test_death_types_places_and_disposals_are_all_represented() -> None:
    people = population()
    shapes = {(p.death_type, p.in_hospital) for p in people}

    assert {("NORMAL", True), ("NORMAL", False), ("ABNORMAL", False)} <= shapes
    assert any(p.disposal == "CREMATION" and p.grave for p in people)
    assert any(p.disposal == "CREMATION" and not p.grave for p in people)
    assert any(p.disposal == "BURIAL" for p in people)


def test_a_specified_person_applies_without_being_on_the_register() -> None:
    specified = [p for p in population() if p.applicant.relationship == "SPECIFIED_PERSON"]

    assert specified
    assert all(p.applicant.id_number not in p.relatives for p in specified)


def test_near_relatives_who_apply_are_on_the_register() -> None:
    relatives = [p for p in population() if p.applicant.relationship != "SPECIFIED_PERSON"]

    assert all(p.applicant.id_number in p.relatives for p in relatives)


def test_at_least_three_people_lead_to_a_rejection_the_family_can_act_on_beyond_the_papers() -> None:
    with_papers = {p.id_number: expected_rejections(p, with_papers=True) for p in population()}
    rejected = [
        p | {"refused": with_papers[p["idNumber"]]} for p in map(as_json, population()) if with_papers[p["idNumber"]]
    ]
    renamed = [p for p in rejected if p["payoutAccount"]["accountName"] != p["applicant"]["name"]]

    assert len(rejected) >= 3
    assert renamed
    assert all(p["expect"]["correction"] == {"payoutAccount": {"accountName": p["applicant"]["name"]}} for p in renamed)
    assert any(p["refused"] == ["HOUSING_FUND_WITHDRAWAL"] and p["expect"]["correction"] == {} for p in rejected)
    assert any(p["refused"] == ["SMALL_DEPOSIT_WITHDRAWAL"] and p["expect"]["correction"] is None for p in rejected)


def test_without_papers_every_case_expects_its_grave_or_burial_certificate_refused() -> None:
    for p in (p for p in population() if p.local):
        refused = set(as_json(p)["expect"]["rejections"])
        assert refused & {"GRAVE_USE_CERTIFICATE", "BURIAL_CERTIFICATE"}, p.scenario


async def test_people_endpoint_lists_what_a_client_needs_to_apply(mocks_http: httpx.AsyncClient) -> None:
    people = (await mocks_http.get("/people")).json()

    assert len(people) == len(population())
    first = people[0]
    assert {"idNumber", "name", "gender", "agencies", "deathDate", "deathPlace", "deathType"} <= set(first)
    assert {"diedInMedicalInstitution", "householdRegionCode", "disposal", "optionalItems", "scenario"} <= set(first)
    assert set(first["applicant"]) == {"name", "idNumber", "phone", "relationship"}
    assert set(first["payoutAccount"]) == {"bankName", "accountName", "accountNumber"}
    assert all(len(p["applicant"]["phone"]) == 11 and p["applicant"]["phone"].startswith("1") for p in people)


def test_population_is_the_same_on_every_build() -> None:
    from mocks.people import yinchuan

    assert yinchuan.people() == yinchuan.people()
