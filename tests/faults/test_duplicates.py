"""Answers that come twice, or come late: they change nothing, and the timeline says they were ignored."""

from __future__ import annotations

from typing import Any

import pytest

from tests.faults.flow import as_expected, cases, events, items_of, settle, submit, with_agencies
from tests.support.agencies import MockAgencies, assert_applied_once
from tests.support.client import GraphQL
from tests.support.processes import Running
from tests.support.waiting import wait_for

pytestmark = pytest.mark.faults
CALLING_BACK = ("HRSS", "FINANCIAL_REGULATION")  # agencies that accept, then call the gateway back
REPORT = """mutation($id: ID!, $o: ItemOutcomeInput!) { reportItemOutcome(itemId: $id, outcome: $o) {
  item { id status } errors { field code message } } }"""
LATE_ANSWERS = [
    {"completed": True, "agencyReference": "RS-LATE-1"},
    {"rejectionReason": "迟到的不予办理答复"},
    {"accepted": True, "agencyReference": "RS-LATE-2"},
]


def called_back(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for agency in CALLING_BACK for item in items_of(case, agency)]


def each_ignored_once_more(case: dict[str, Any], before: dict[str, int]) -> bool:
    return all(len(events(case, "OUTCOME_IGNORED", kind)) > count for kind, count in before.items())


async def test_a_repeated_call_back_changes_nothing_and_is_recorded_as_ignored(
    admin: GraphQL, agencies: MockAgencies
) -> None:
    person = with_agencies(await agencies.people(), *CALLING_BACK)
    for agency in CALLING_BACK:
        await agencies.fault(agency, duplicateCallback=True)
    (case,) = await settle(admin, [(await submit(admin, person))["id"]], within=60)
    assert as_expected(case, person) and called_back(case)

    nothing_yet = {item["kind"]: 0 for item in called_back(case)}
    later = await wait_for(
        lambda: cases(admin, [case["id"]]), lambda cs: each_ignored_once_more(cs[0], nothing_yet), within=30
    )
    (after,) = later
    assert as_expected(after, person) and after["items"] == case["items"]
    ignored = events(after, "OUTCOME_IGNORED")
    assert all(e["actor"].startswith("agency:") and "忽略" in e["message"] for e in ignored)
    assert_applied_once(await agencies.ledger(), [case["reference"]])


async def test_late_reports_on_a_completed_item_are_ignored_and_recorded(
    gateway: Running, admin: GraphQL, agencies: MockAgencies
) -> None:
    person = with_agencies(await agencies.people(), "HRSS")
    (case,) = await settle(admin, [(await submit(admin, person))["id"]], within=60)
    item = items_of(case, "HRSS")[0]
    hrss = admin.as_(gateway.token("agency", "hrss-system", "--agency", "HRSS"))
    before = len(events(case, "OUTCOME_IGNORED", item["kind"]))

    answers = [(await hrss(REPORT, {"id": item["id"], "o": late}))["reportItemOutcome"] for late in LATE_ANSWERS]

    assert all(a["errors"] == [] and a["item"]["status"] == "COMPLETED" for a in answers)
    (after,) = await cases(admin, [case["id"]])
    assert len(events(after, "OUTCOME_IGNORED", item["kind"])) == before + len(LATE_ANSWERS)
    assert after["items"] == case["items"] and as_expected(after, person)

    bank = admin.as_(gateway.token("agency", "bank-system", "--agency", "FINANCIAL_REGULATION"))
    answer = (await bank(REPORT, {"id": item["id"], "o": {"rejectionReason": "冒名答复"}}))["reportItemOutcome"]

    assert answer["item"] is None and answer["errors"][0]["field"] == "itemId"  # not its item: not even seen
    (unchanged,) = await cases(admin, [case["id"]])
    assert unchanged["items"] == case["items"] and unchanged["timeline"] == after["timeline"]
