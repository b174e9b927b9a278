"""Pre-review by a clerk, withdrawal before dispatch, and a refusal fixed by resubmitting."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.papers import completed_with_papers, provide_missing
from tests.e2e.test_application_flow import applicant_of, person, settled, submit
from tests.support import files
from tests.support.client import CASE, RESUBMIT, SUBMIT, GraphQL, application_for
from tests.support.processes import Running
from tests.support.uploads import attach, payload
from tests.support.waiting import wait_for

pytestmark = pytest.mark.e2e
SEALING = "HOUSING_FUND_SEALING_CERTIFICATE"
REVIEW = """mutation($id: ID!, $d: ReviewDecision!, $r: String) {
  reviewCase(caseId: $id, decision: $d, reason: $r) { case { id status } errors { field code message } } }"""
WITHDRAW = """mutation($id: ID!, $r: String!) {
  withdrawApplication(caseId: $id, reason: $r) { case { id status } errors { field code message } } }"""


async def status_of(client: GraphQL, case_id: str, wanted: str) -> dict[str, Any]:
    async def probe() -> dict[str, Any]:
        return (await client(CASE, {"id": case_id}))["case"]  # type: ignore[no-any-return]

    return await wait_for(probe, lambda c: c["status"] == wanted, within=30, interval=0.2)


async def test_applicant_not_on_the_register_waits_for_a_clerk_who_approves(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "特定关系人")
    family = applicant_of(gateway, graphql, p)
    case = await status_of(family, (await submit(family, p))["id"], "UNDER_REVIEW")
    assert any(e["type"] == "UNDER_REVIEW" and "人工核验" in e["message"] for e in case["timeline"])

    elsewhere = graphql.as_(gateway.token("clerk", "staff-09", "--region", "6405"))
    refused = (await elsewhere(REVIEW, {"id": case["id"], "d": "APPROVE"}))["reviewCase"]
    assert refused["errors"][0]["code"] == "NOT_FOUND"

    clerk = graphql.as_(gateway.token("clerk", "staff-01", "--region", p["householdRegionCode"][:4]))
    approved = (await clerk(REVIEW, {"id": case["id"], "d": "APPROVE"}))["reviewCase"]
    assert approved["errors"] == [] and approved["case"]["status"] == "IN_PROGRESS"
    assert (await completed_with_papers(family, case["id"]))["status"] == "COMPLETED"


async def test_misspelt_name_is_returned_and_the_correction_is_approved_automatically(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "退役军人（伤残军人）")
    family = applicant_of(gateway, graphql, p)
    form = application_for(p)
    form["deceased"]["name"] = p["name"][:-1] + "某"
    case_id = (await family(SUBMIT, {"input": form}))["submitApplication"]["case"]["id"]
    case = await status_of(family, case_id, "UNDER_REVIEW")
    assert "姓名与户籍登记不一致" in case["timeline"][-1]["message"]

    clerk = graphql.as_(gateway.token("clerk", "staff-02", "--region", p["householdRegionCode"][:4]))
    no_reason = (await clerk(REVIEW, {"id": case_id, "d": "RETURN"}))["reviewCase"]
    assert no_reason["errors"][0]["code"] == "REASON_REQUIRED"
    returned = (await clerk(REVIEW, {"id": case_id, "d": "RETURN", "r": "逝者姓名与户籍不符，请核对"}))["reviewCase"]
    assert returned["case"]["status"] == "RETURNED"

    corrected = {"deceased": application_for(p)["deceased"]}
    again = (await family(RESUBMIT, {"id": case_id, "c": corrected}))["resubmitApplication"]
    assert again["errors"] == []
    case = await completed_with_papers(family, case_id)
    assert case["status"] == "COMPLETED" and case["deceased"]["name"] == p["name"]


async def test_withdrawal_is_refused_once_items_went_out(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "退休干部，持有企业股权")
    family = applicant_of(gateway, graphql, p)
    case = await settled(family, (await submit(family, p))["id"])
    answer = (await family(WITHDRAW, {"id": case["id"], "r": "误操作"}))["withdrawApplication"]
    assert answer["errors"][0]["code"] == "CASE_NOT_WITHDRAWABLE"


async def test_unsealed_housing_fund_completes_once_sealed_and_its_certificate_attached(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "单位尚未封存住房公积金账户")
    family = applicant_of(gateway, graphql, p)
    case = await settled(family, (await submit(family, p))["id"])
    fund = next(i for i in case["items"] if i["kind"] == "HOUSING_FUND_WITHDRAWAL")
    assert fund["status"] == "REJECTED" and "封存" in fund["rejectionReason"]
    sealing = [("封存证明.pdf", files.pdf(), "application/pdf")]  # the employer's, once it seals the account
    attached = payload(await attach(family.http, family.token, case["id"], SEALING, sealing, url=family.url))
    assert attached["errors"] == []
    assert "BURIAL_PLACE_STATEMENT" in await provide_missing(family, case["id"])  # civil affairs refused without it

    async def resubmit() -> list[dict[str, Any]]:
        return (await family(RESUBMIT, {"id": case["id"]}))["resubmitApplication"]["errors"]  # type: ignore[no-any-return]

    assert await resubmit() == []
    case = await settled(family, case["id"])
    if case["status"] != "COMPLETED":  # the employer had not sealed it yet: the family tries again
        await wait_for(resubmit, lambda errors: errors == [], within=10)
        case = await settled(family, case["id"])
    assert case["status"] == "COMPLETED"
