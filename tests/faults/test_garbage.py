"""An agency answering garbage: the item says so, nothing is read into it, and it heals."""

from __future__ import annotations

from typing import Any

import pytest

from tests.faults.flow import as_expected, cases, events, items_of, key_of, others_done, settle, submit, with_agencies
from tests.support.agencies import MockAgencies, assert_applied_once
from tests.support.client import GraphQL
from tests.support.waiting import wait_for

pytestmark = pytest.mark.faults
# one agency that settles at once, one that accepts and is polled
GARBLED = {"VETERANS_AFFAIRS": "退役军人事务部门", "JUSTICE": "司法行政部门"}


def garbled_items(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for agency in GARBLED for item in items_of(case, agency)]


def shows_garbage(case: dict[str, Any]) -> bool:
    return others_done(case, *GARBLED) and all(
        item["status"] == "FAILED"
        and GARBLED[item["agency"]] in (item["lastError"] or "")
        and "JSON" in item["lastError"]
        for item in garbled_items(case)
    )


async def test_garbage_from_an_agency_is_an_error_on_its_item_never_a_status(
    admin: GraphQL, agencies: MockAgencies
) -> None:
    person = with_agencies(await agencies.people(), *GARBLED)
    for agency in GARBLED:
        await agencies.fault(agency, malformed=True)
    case_id = (await submit(admin, person))["id"]
    seen: set[str] = set()

    async def probe() -> dict[str, Any]:
        (case,) = await cases(admin, [case_id])
        seen.update(item["status"] for item in garbled_items(case))
        return case

    case = await wait_for(probe, shows_garbage, within=60, interval=0.3)
    assert len(garbled_items(case)) == 2 and case["status"] == "IN_PROGRESS"
    assert seen <= {"WAITING", "READY", "DISPATCHED", "FAILED"}, f"garbage moved an item to {seen}"
    assert all(len(events(case, "ITEM_FAILED", i["kind"])) == 1 for i in garbled_items(case))

    for agency in GARBLED:
        await agencies.clear(agency)
    (case,) = await settle(admin, [case_id], within=60)

    assert as_expected(case, person)
    assert all(item["result"]["summary"] and item["lastError"] is None for item in garbled_items(case))
    ledger = await agencies.ledger()
    assert_applied_once(ledger, [case["reference"]])
    # the agency acted on the first call; the re-sends got its first answer back, not a second application
    assert all(ledger[key_of(case, item)]["requests"] > 1 for item in garbled_items(case))
