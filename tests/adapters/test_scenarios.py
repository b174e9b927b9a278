"""The population's scenarios, end to end through the adapters: what the gateway will see."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from datetime import date
from decimal import Decimal

import httpx

from adapters.contract import Accepted, Completed, NoRecord, Outcome, Rejected
from adapters.kinds import Agency, CertificateKind, Fact, ItemKind
from mocks.people import Person, population
from mocks.people.outcomes import expected_correction, expected_rejections
from tests.adapters.items import item_request
from tests.adapters.test_agency_contract import client_for, settled

PEOPLE = {person.name: person for person in population()}
keys = (f"key-{n}" for n in itertools.count())


async def submit(http: httpx.AsyncClient, agency: Agency, person: Person, kind: ItemKind, **change: str) -> Outcome:
    client = client_for(agency, http)
    return await settled(client, kind, await client.submit(item_request(person, kind, next(keys), **change)))


async def test_a_payout_to_someone_else_is_rejected_and_the_corrected_account_completes(
    mocks_http: httpx.AsyncClient,
) -> None:
    person = PEOPLE["刘桂英"]
    corrected = expected_correction(person)
    assert corrected is not None

    refused = await submit(mocks_http, Agency.HRSS, person, ItemKind.FUNERAL_GRANT)
    resubmitted = await submit(
        mocks_http, Agency.HRSS, person, ItemKind.FUNERAL_GRANT, account_name=corrected["payoutAccount"]["accountName"]
    )

    assert isinstance(refused, Rejected) and "户名" in refused.reason
    assert isinstance(resubmitted, Completed)
    assert resubmitted.result.amount == Decimal("7200.00")


async def test_an_unsealed_housing_fund_is_refused_until_the_employer_seals_it(mocks_http: httpx.AsyncClient) -> None:
    person = PEOPLE["陈光明"]
    assert expected_rejections(person, with_papers=True) == ["HOUSING_FUND_WITHDRAWAL"]  # items.py sends the papers

    refused = await submit(mocks_http, Agency.HOUSING_FUND, person, ItemKind.HOUSING_FUND_WITHDRAWAL)
    async with asyncio.timeout(5):
        outcome: Outcome = refused
        while isinstance(outcome, Rejected):
            await asyncio.sleep(0.02)
            outcome = await submit(mocks_http, Agency.HOUSING_FUND, person, ItemKind.HOUSING_FUND_WITHDRAWAL)

    assert isinstance(refused, Rejected) and "封存" in refused.reason
    assert isinstance(outcome, Completed) and outcome.result.amount == Decimal("56780.00")


async def test_deposits_within_the_limit_are_paid_and_a_bank_over_it_is_referred_to_notarization(
    mocks_http: httpx.AsyncClient,
) -> None:
    outcome = await submit(mocks_http, Agency.FINANCIAL_REGULATION, PEOPLE["赵淑珍"], ItemKind.SMALL_DEPOSIT_WITHDRAWAL)

    assert isinstance(outcome, Completed) and outcome.result.amount == Decimal("12000.00")
    assert "宁夏银行" in outcome.result.summary
    assert "继承公证" in outcome.result.summary and "68000.00" in outcome.result.summary


async def test_deposits_all_over_the_limit_are_refused_with_the_way_to_claim_them(
    mocks_http: httpx.AsyncClient,
) -> None:
    refused = await submit(mocks_http, Agency.FINANCIAL_REGULATION, PEOPLE["钱桂芳"], ItemKind.SMALL_DEPOSIT_WITHDRAWAL)

    assert isinstance(refused, Rejected)
    assert "继承公证" in refused.reason and "86500.00" in refused.reason


async def test_a_pension_paid_after_the_death_month_is_deducted_from_the_refund(
    mocks_http: httpx.AsyncClient,
) -> None:
    outcome = await submit(mocks_http, Agency.HRSS, PEOPLE["白玉琴"], ItemKind.PENSION_ACCOUNT_REFUND)

    assert isinstance(outcome, Completed)
    assert (outcome.result.amount, outcome.result.deduction) == (Decimal("26560.00"), Decimal("5240.00"))


async def test_a_pension_owed_is_added_to_the_refund(mocks_http: httpx.AsyncClient) -> None:
    outcome = await submit(mocks_http, Agency.HRSS, PEOPLE["王秀珍"], ItemKind.PENSION_ACCOUNT_REFUND)

    assert isinstance(outcome, Completed)
    assert (outcome.result.amount, outcome.result.deduction) == (Decimal("30220.00"), Decimal("0.00"))


async def test_benefits_stop_from_the_month_after_the_death(mocks_http: httpx.AsyncClient) -> None:
    outcome = await submit(mocks_http, Agency.HRSS, PEOPLE["张建国"], ItemKind.SOCIAL_INSURANCE_SUSPENSION)

    assert isinstance(outcome, Completed) and outcome.result.effective_date == date(2026, 11, 1)


async def test_a_death_at_home_is_certified_after_the_committee_and_health_centre(
    mocks_http: httpx.AsyncClient,
) -> None:
    person, client = PEOPLE["李秀兰"], client_for(Agency.HEALTH, mocks_http)

    first = await client.submit(item_request(person, ItemKind.MEDICAL_DEATH_CERTIFICATE))
    outcome = await settled(client, ItemKind.MEDICAL_DEATH_CERTIFICATE, first)

    assert isinstance(first, Accepted)
    assert isinstance(outcome, Completed) and outcome.certificate is not None
    certificate = outcome.certificate
    assert certificate.kind == CertificateKind.MEDICAL_DEATH_CERTIFICATE
    assert (certificate.death_date, certificate.holder_name) == (person.death_date, person.name)
    assert certificate.issued_at.utcoffset() is not None and "卫生服务中心" in certificate.issuer


async def test_a_hospital_death_certificate_is_fetched_at_once(mocks_http: httpx.AsyncClient) -> None:
    client = client_for(Agency.HEALTH, mocks_http)

    outcome = await client.submit(item_request(PEOPLE["张建国"], ItemKind.MEDICAL_DEATH_CERTIFICATE))

    assert isinstance(outcome, Completed) and outcome.certificate is not None
    assert outcome.certificate.number.startswith("YXZM640104")
    assert PEOPLE["张建国"].id_number not in outcome.certificate.number


async def test_the_police_list_the_household_and_the_registered_near_relatives(mocks_http: httpx.AsyncClient) -> None:
    person = PEOPLE["张建国"]

    records = await client_for(Agency.PUBLIC_SECURITY, mocks_http).records(person.id_number)

    assert records.facts == {Fact.HOUSEHOLD_REGISTERED, Fact.DRIVING_LICENCE}
    assert records.details["household_region_code"] == "640104"
    assert person.applicant.id_number in records.details["relatives"]


async def test_the_police_refuse_a_hukou_cancellation_without_a_death_certificate(
    mocks_http: httpx.AsyncClient,
) -> None:
    request = item_request(PEOPLE["张建国"], ItemKind.HUKOU_CANCELLATION)
    unsigned = dataclasses.replace(request, certificates=())

    outcome = await client_for(Agency.PUBLIC_SECURITY, mocks_http).submit(unsigned)

    assert isinstance(outcome, Rejected) and "死亡证明" in outcome.reason


async def test_an_agency_holding_nothing_says_the_item_does_not_apply(mocks_http: httpx.AsyncClient) -> None:
    person = PEOPLE["周玉梅"]  # no driving licence

    outcome = await client_for(Agency.PUBLIC_SECURITY, mocks_http).submit(
        item_request(person, ItemKind.DRIVING_LICENCE_CANCELLATION)
    )

    assert isinstance(outcome, NoRecord)


async def test_a_disabled_veteran_leaves_a_funeral_allowance_of_twelve_months_paid_to_the_family(
    mocks_http: httpx.AsyncClient,
) -> None:
    outcome = await submit(mocks_http, Agency.VETERANS_AFFAIRS, PEOPLE["郭长青"], ItemKind.VETERAN_BENEFIT_SETTLEMENT)

    assert isinstance(outcome, Completed) and outcome.result.amount == Decimal("25620.00")  # 12 x 2135.00
    assert "丧葬补助费" in outcome.result.summary and outcome.result.data["paidTo"]


async def test_a_veteran_without_a_disability_pension_has_benefits_stopped_and_nothing_paid(
    mocks_http: httpx.AsyncClient,
) -> None:
    outcome = await submit(mocks_http, Agency.VETERANS_AFFAIRS, PEOPLE["孙国庆"], ItemKind.VETERAN_BENEFIT_SETTLEMENT)

    assert isinstance(outcome, Completed) and outcome.result.amount is None
    assert "停发" in outcome.result.summary
