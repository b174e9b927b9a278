"""One contract, every registered adapter, each against its own imitation agency."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from adapters.base import AgencyClient, RetryPolicy
from adapters.breaker import CircuitBreaker
from adapters.contract import Accepted, Completed, Outcome
from adapters.kinds import Agency, ItemKind
from adapters.registry import load_specs
from mocks.people import Person, population
from mocks.people.idcard import id_number
from mocks.people.outcomes import expected_rejections, item_kinds
from tests.adapters.items import item_request

SPECS = load_specs()
KINDS: dict[Agency, tuple[str, ...]] = {
    Agency.HEALTH: ("MEDICAL_DEATH_CERTIFICATE",),
    Agency.PUBLIC_SECURITY: ("ABNORMAL_DEATH_CERTIFICATE", "HUKOU_CANCELLATION", "DRIVING_LICENCE_CANCELLATION"),
    Agency.CIVIL_AFFAIRS: (
        "CREMATION_CERTIFICATE",
        "GRAVE_USE_CERTIFICATE",
        "BURIAL_CERTIFICATE",
        "SOCIAL_ASSISTANCE_TERMINATION",
        "ELDERLY_SUBSIDY_TERMINATION",
        "DISABILITY_SUBSIDY_TERMINATION",
    ),
    Agency.HRSS: (
        "SOCIAL_INSURANCE_SUSPENSION",
        "PENSION_ACCOUNT_REFUND",
        "FUNERAL_GRANT",
        "SURVIVOR_BENEFIT",
        "UNEMPLOYMENT_BENEFIT_STOP",
    ),
    Agency.MEDICAL_SECURITY: ("MEDICAL_INSURANCE_TERMINATION", "MEDICAL_ACCOUNT_WITHDRAWAL"),
    Agency.HOUSING_FUND: ("HOUSING_FUND_WITHDRAWAL",),
    Agency.VETERANS_AFFAIRS: ("VETERAN_BENEFIT_SETTLEMENT",),
    Agency.DISABLED_PERSONS_FEDERATION: ("DISABILITY_CERTIFICATE_CANCELLATION",),
    Agency.JUSTICE: ("WILL_NOTARY_CHECK",),
    Agency.MARKET_REGULATION: ("EQUITY_REGISTRATION_QUERY",),
    Agency.FINANCIAL_REGULATION: ("SMALL_DEPOSIT_WITHDRAWAL",),
}
# someone on whom each agency's records say something (a fact, not merely a name)
TELLING: dict[Agency, Callable[[Person], object]] = {
    Agency.HEALTH: lambda p: p.in_hospital and p.death_type == "NORMAL",
    Agency.PUBLIC_SECURITY: lambda p: p.local,
    Agency.CIVIL_AFFAIRS: lambda p: p.grave,
    Agency.HRSS: lambda p: p.pension,
    Agency.MEDICAL_SECURITY: lambda p: p.medical_balance,
    Agency.HOUSING_FUND: lambda p: p.housing_fund,
    Agency.VETERANS_AFFAIRS: lambda p: p.veteran,
    Agency.DISABLED_PERSONS_FEDERATION: lambda p: p.disability_certificate,
    Agency.JUSTICE: lambda p: p.will,
    Agency.MARKET_REGULATION: lambda p: p.shares,
    Agency.FINANCIAL_REGULATION: lambda p: p.deposits,
}
STRANGER = id_number("640104", "19990101", 999)
FAST = RetryPolicy(attempts=2, max_seconds=2.0, initial_wait=0.01, max_wait=0.02)


def client_for(agency: Agency, http: httpx.AsyncClient) -> AgencyClient:
    spec = SPECS[agency]
    return AgencyClient(spec, f"http://mocks/{spec.SLUG}", http, CircuitBreaker(), FAST)


def suitable(kind: str) -> Person:
    """A person the item applies to and whom the agency will not refuse (their papers are sent: items.py)."""
    return next(
        p for p in population() if kind in item_kinds(p) and kind not in expected_rejections(p, with_papers=True)
    )


async def settled(client: AgencyClient, kind: ItemKind, outcome: Outcome) -> Outcome:
    async with asyncio.timeout(10):
        while isinstance(outcome, Accepted):
            await asyncio.sleep(0.02)
            outcome = await client.status(kind, outcome.reference)
    return outcome


def test_every_agency_has_an_adapter() -> None:
    assert set(SPECS) == set(Agency)


@pytest.mark.parametrize("agency", list(Agency), ids=str)
async def test_records_of_a_person_the_agency_knows_carry_facts(agency: Agency, mocks_http: httpx.AsyncClient) -> None:
    person = next(p for p in population() if TELLING[agency](p) and agency.value in p.agencies())

    records = await client_for(agency, mocks_http).records(person.id_number)

    assert records.found and records.facts
    assert records.agency == agency


@pytest.mark.parametrize("agency", list(Agency), ids=str)
async def test_records_of_a_stranger_are_not_found(agency: Agency, mocks_http: httpx.AsyncClient) -> None:
    records = await client_for(agency, mocks_http).records(STRANGER)

    assert not records.found and not records.facts


@pytest.mark.parametrize(
    ("agency", "kind"),
    [(agency, ItemKind(kind)) for agency, kinds in KINDS.items() for kind in kinds],
    ids=lambda value: str(value),
)
async def test_submitted_item_completes(agency: Agency, kind: ItemKind, mocks_http: httpx.AsyncClient) -> None:
    client = client_for(agency, mocks_http)

    first = await client.submit(item_request(suitable(kind), kind))
    outcome = await settled(client, kind, first)

    assert isinstance(first, Completed | Accepted)
    assert isinstance(outcome, Completed), outcome
    assert outcome.result.summary


@pytest.mark.parametrize("agency", list(Agency), ids=str)
async def test_repeated_idempotency_key_is_applied_once(agency: Agency, mocks_http: httpx.AsyncClient) -> None:
    client, kind = client_for(agency, mocks_http), ItemKind(KINDS[agency][0])
    request = item_request(suitable(kind), kind, key=f"once-{agency}")

    first, again = await client.submit(request), await client.submit(request)

    assert isinstance(first, Completed | Accepted) and isinstance(again, Completed | Accepted)
    assert first.reference == again.reference
    entry = (await mocks_http.get("/admin/ledger")).json()["keys"][f"once-{agency}"]
    assert (entry["applied"], entry["requests"], entry["agency"]) == (1, 2, agency.value)
