"""One agency down: the rest of every case moves on, the circuit spares the agency, and it all heals."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.faults.conftest import BACKENDS, FAST, database
from tests.faults.flow import (
    RETRY,
    as_expected,
    cases,
    circuit_open,
    events,
    items_of,
    key_of,
    ordinary,
    others_done,
    settle,
    submit,
)
from tests.support.agencies import MockAgencies, assert_applied_once
from tests.support.client import GraphQL
from tests.support.processes import Running
from tests.support.waiting import wait_for

pytestmark = pytest.mark.faults
DOWN, NAME = "MEDICAL_SECURITY", "医疗保障部门"
COOL_DOWN = 8.0  # long enough that a retry seen within RETRY_WITHIN is the forced one, not the next trial
WINDOW = 6.0  # seconds of outage over which the calls reaching the agency are counted
RETRY_WITHIN = 4.0  # a busy CI machine (PostgreSQL, mocks, gateway, pytest on two cores) needs more than 1.5 s


@pytest.fixture(params=BACKENDS)
async def database_env(request: pytest.FixtureRequest) -> AsyncIterator[dict[str, str]]:
    async with database(request.param) as env:
        yield env


@pytest.fixture
def settings_env() -> dict[str, str]:
    return {"GATEWAY_BREAKER_RESET_SECONDS": str(COOL_DOWN)}


def held_back(snapshot: list[dict[str, Any]]) -> bool:
    """Everything else done; every item of the agency that is down shows FAILED and names it."""
    return all(
        others_done(case, DOWN)
        and all(i["status"] == "FAILED" and NAME in (i["lastError"] or "") for i in items_of(case, DOWN))
        for case in snapshot
    )


async def test_an_agency_outage_holds_back_only_its_own_items_and_heals_without_anyone_acting(
    gateway: Running, admin: GraphQL, agencies: MockAgencies
) -> None:
    people = ordinary(await agencies.people())[:5]
    await agencies.fault(DOWN, outage=True)
    ids = [(await submit(admin, p))["id"] for p in people]

    snapshot = await wait_for(lambda: cases(admin, ids), held_back, within=60, interval=0.5)
    failing = [(case, item) for case in snapshot for item in items_of(case, DOWN)]
    assert failing and all(c["status"] == "IN_PROGRESS" for c in snapshot)
    await wait_for(lambda: circuit_open(admin, DOWN), bool, within=10)

    before = await agencies.calls(DOWN)
    await asyncio.sleep(WINDOW)  # an observation window, not a wait for work
    during = await agencies.calls(DOWN) - before
    attempts = int(FAST["GATEWAY_ADAPTER_ATTEMPTS"])
    assert during <= attempts * (WINDOW / COOL_DOWN + 2), f"{during} calls in {WINDOW}s to an agency that is down"
    assert during < len(failing), "the circuit should spare the agency one call per item"
    later = await cases(admin, ids)
    assert held_back(later)  # still FAILED, still saying why: no flicker back to DISPATCHED
    # one timeline entry per item for the whole outage, not one per try
    assert all(len(events(case, "ITEM_FAILED", item["kind"])) == 1 for case in later for item in items_of(case, DOWN))

    await clerk_retry_goes_out_at_once(gateway, admin, agencies, *failing[0])

    await agencies.clear(DOWN)
    settled = await settle(admin, ids, within=60)
    assert all(as_expected(c, p) for c, p in zip(settled, people, strict=True))
    assert all(i["lastError"] is None for c in settled for i in c["items"])
    assert_applied_once(await agencies.ledger(), [c["reference"] for c in settled])


async def clerk_retry_goes_out_at_once(
    gateway: Running, admin: GraphQL, agencies: MockAgencies, case: dict[str, Any], item: dict[str, Any]
) -> None:
    clerk = admin.as_(gateway.token("clerk", "staff-01", "--region", case["deceased"]["householdRegionCode"][:4]))
    key = key_of(case, item)
    await wait_for(lambda: circuit_open(admin, DOWN), bool, within=10)
    sent_before = await agencies.calls_with_key(key)

    answer = (await clerk(RETRY, {"id": item["id"]}))["retryItem"]

    assert answer["errors"] == []
    await wait_for(lambda: agencies.calls_with_key(key), lambda n: n > sent_before, within=RETRY_WITHIN, interval=0.05)
    (after,) = await cases(admin, [case["id"]])
    assert events(after, "ITEM_RETRY_REQUESTED", item["kind"])
    assert next(i for i in after["items"] if i["id"] == item["id"])["status"] in ("FAILED", "DISPATCHED")
