"""An agency too slow to answer in time, and one throttling us with 429 and Retry-After: items wait,
say why, complete once the agency recovers, and nothing is applied twice."""

from __future__ import annotations

from typing import Any

import pytest

from tests.faults.flow import as_expected, cases, items_of, key_of, others_done, settle, submit, with_agencies
from tests.support.agencies import MockAgencies, assert_applied_once
from tests.support.client import GraphQL
from tests.support.waiting import wait_for

pytestmark = pytest.mark.faults
SLOW, THROTTLING = "VETERANS_AFFAIRS", "HRSS"
SLOW_SECONDS = 6.0  # beyond the veterans' adapter timeout of 5 s


def waiting_it_out(case: dict[str, Any]) -> bool:
    slow, throttled = items_of(case, SLOW), items_of(case, THROTTLING)
    return (
        others_done(case, SLOW, THROTTLING)
        and all(
            i["status"] == "FAILED" and "退役军人事务部门" in i["lastError"] and "timeout" in i["lastError"]
            for i in slow
        )
        and all(
            i["status"] == "FAILED" and "人力资源社会保障部门" in i["lastError"] and "429" in i["lastError"]
            for i in throttled
        )
    )


async def test_slow_and_throttling_agencies_complete_after_they_recover_without_double_work(
    admin: GraphQL, agencies: MockAgencies
) -> None:
    person = with_agencies(await agencies.people(), SLOW, THROTTLING)
    await agencies.fault(SLOW, slowSeconds=SLOW_SECONDS)
    await agencies.fault(THROTTLING, rateLimit=True, retryAfter=1)
    case_id = (await submit(admin, person))["id"]

    (case,) = await wait_for(lambda: cases(admin, [case_id]), lambda cs: waiting_it_out(cs[0]), within=60, interval=0.5)
    assert items_of(case, SLOW) and items_of(case, THROTTLING)

    await agencies.clear(SLOW)
    await agencies.clear(THROTTLING)
    (case,) = await settle(admin, [case_id], within=60)

    assert as_expected(case, person)
    ledger = await agencies.ledger()
    assert_applied_once(ledger, [case["reference"]])
    # the call the gateway gave up on was still done by the agency; the re-send got that answer back
    assert all(ledger[key_of(case, item)]["requests"] > 1 for item in items_of(case, SLOW))
