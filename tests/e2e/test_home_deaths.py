"""A death at home on the real mocks (plan 二), over HTTP: the committee reports, the health centre
sees it with its agency token, the family's application takes the report over, the certificate
waits for the confirmation, then goes out with everything else and settles."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_application_flow import applicant_of, person, settled
from tests.support.client import CASE, SUBMIT, GraphQL, application_for
from tests.support.processes import Running
from tests.support.waiting import wait_for

pytestmark = pytest.mark.e2e
FIELDS = "id status deceasedName deceasedIdNumber deathDate deathPlace householdRegionCode familyContactPhone"
REPORT = f"""mutation($input: HomeDeathReportInput!) {{ reportHomeDeath(input: $input) {{
  report {{ {FIELDS} }} errors {{ field code message }} }} }}"""
CONFIRM = f"""mutation($id: ID!) {{ confirmHomeDeath(reportId: $id, note: "已电话联系家属确认") {{
  report {{ {FIELDS} confirmedAt }} errors {{ field code message }} }} }}"""
WORK_LIST = f"query {{ homeDeathReports(status: REPORTED) {{ {FIELDS} }} }}"
ONE = f"query($id: ID!) {{ homeDeathReport(id: $id) {{ {FIELDS} }} }}"
HOME = "在家中死亡，村(居)委会上报、社区卫生服务中心核实后出具死亡证明"
CERTIFICATE = "MEDICAL_DEATH_CERTIFICATE"


def report_of(p: dict[str, Any]) -> dict[str, Any]:
    fields = ("name", "idNumber", "deathDate", "deathPlace", "householdRegionCode")
    return {
        "deceased": {k: p[k] for k in fields},
        "committeeName": "社区居民委员会",
        "familyContact": p["applicant"],
    }


def committee_of(gateway: Running, graphql: GraphQL, region: str) -> GraphQL:
    return graphql.as_(gateway.token("committee", f"committee-{region}", "--region", region))


def health_of(gateway: Running, graphql: GraphQL) -> GraphQL:
    return graphql.as_(gateway.token("agency", "weijian-system", "--agency", "HEALTH"))


def certificate_item(case: dict[str, Any]) -> dict[str, Any]:
    return next(i for i in case["items"] if i["kind"] == CERTIFICATE)


async def test_a_home_death_goes_from_the_committees_report_to_a_settled_case(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, HOME)
    committee = committee_of(gateway, graphql, p["householdRegionCode"])
    reported = (await committee(REPORT, {"input": report_of(p)}))["reportHomeDeath"]
    assert reported["errors"] == [] and reported["report"]["status"] == "REPORTED"
    report_id = reported["report"]["id"]

    health = health_of(gateway, graphql)
    work = (await health(WORK_LIST))["homeDeathReports"]
    seen = next(r for r in work if r["id"] == report_id)
    assert seen["deceasedIdNumber"] == p["idNumber"] and seen["familyContactPhone"] == p["applicant"]["phone"]

    family = applicant_of(gateway, graphql, p)
    pre_filled = (await family(ONE, {"id": report_id}))["homeDeathReport"]
    assert (pre_filled["deceasedName"], pre_filled["deathDate"]) == (p["name"], p["deathDate"])
    assert pre_filled["householdRegionCode"] == p["householdRegionCode"]
    form = application_for(p) | {"homeDeathReportId": report_id, "notices": False}
    form["deceased"] |= {"name": pre_filled["deceasedName"], "deathPlace": pre_filled["deathPlace"]}
    submitted = (await family(SUBMIT, {"input": form}))["submitApplication"]
    assert submitted["errors"] == []
    case_id = submitted["case"]["id"]

    async def probe() -> dict[str, Any]:
        return (await family(CASE, {"id": case_id}))["case"]  # type: ignore[no-any-return]

    waiting = await wait_for(probe, lambda c: c["status"] == "IN_PROGRESS", within=30, interval=0.25)
    assert certificate_item(waiting)["status"] == "WAITING", "no certificate before the health centre confirms"
    assert not any(i["status"] in ("DISPATCHED", "ACCEPTED", "COMPLETED") for i in waiting["items"])

    confirmed = (await health(CONFIRM, {"id": report_id}))["confirmHomeDeath"]
    assert confirmed["errors"] == [] and confirmed["report"]["status"] == "CONFIRMED"
    case = await settled(family, case_id)

    assert certificate_item(case)["status"] == "COMPLETED"
    assert CERTIFICATE in {c["kind"] for c in case["certificates"]}
    linked = [e for e in case["timeline"] if e["type"] == "HOME_DEATH_CONFIRMED"]
    assert linked and linked[0]["itemKind"] == CERTIFICATE, "the confirmation reached the case that took the report"
    applicable = [i for i in case["items"] if i["status"] != "NOT_APPLICABLE"]
    assert len(applicable) > 1 and all(i["status"] in ("COMPLETED", "REJECTED") for i in applicable)
    assert (await health(WORK_LIST))["homeDeathReports"] == [r for r in work if r["id"] != report_id]


async def test_a_committee_of_another_region_may_neither_report_nor_read_nor_confirm_here(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "山区老人在家中死亡，乡镇卫生院核实")
    region = p["householdRegionCode"]
    elsewhere = committee_of(gateway, graphql, "6401" if not region.startswith("6401") else "6402")
    refused = (await elsewhere(REPORT, {"input": report_of(p)}))["reportHomeDeath"]
    assert refused["report"] is None
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        ("input.deceased.householdRegionCode", "OUTSIDE_YOUR_REGION")
    ]
    health = health_of(gateway, graphql)
    assert all(r["deceasedIdNumber"] != p["idNumber"] for r in (await health(WORK_LIST))["homeDeathReports"])

    report_id = (await committee_of(gateway, graphql, region)(REPORT, {"input": report_of(p)}))["reportHomeDeath"][
        "report"
    ]["id"]
    assert (await elsewhere(ONE, {"id": report_id}))["homeDeathReport"] is None
    assert all(r["id"] != report_id for r in (await elsewhere(WORK_LIST))["homeDeathReports"])
    confirming = await elsewhere.post(CONFIRM, {"id": report_id})
    assert confirming.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await health(ONE, {"id": report_id}))["homeDeathReport"]["status"] == "REPORTED"


CLOSING = "report { status closeReason } errors { field code message }"
WITHDRAW = f"mutation($id: ID!, $r: String!) {{ withdrawHomeDeathReport(reportId: $id, reason: $r) {{ {CLOSING} }} }}"
DECLINE = f"mutation($id: ID!, $r: String!) {{ declineHomeDeath(reportId: $id, reason: $r) {{ {CLOSING} }} }}"
REVIEWED = "query($id: ID!) { case(id: $id) { status reviewNote timeline { type message } items { kind status } } }"


async def test_a_report_filed_in_error_is_withdrawn_and_can_no_longer_be_taken_over(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "在家中死亡；享受城乡低保和高龄津贴；火化不入公墓")
    committee = committee_of(gateway, graphql, p["householdRegionCode"])
    report_id = (await committee(REPORT, {"input": report_of(p)}))["reportHomeDeath"]["report"]["id"]
    withdrawn = (await committee(WITHDRAW, {"id": report_id, "r": "误报：核实后逝者为邻户"}))["withdrawHomeDeathReport"]
    assert withdrawn == {"report": {"status": "WITHDRAWN", "closeReason": "误报：核实后逝者为邻户"}, "errors": []}
    assert all(r["id"] != report_id for r in (await health_of(gateway, graphql)(WORK_LIST))["homeDeathReports"])

    family = applicant_of(gateway, graphql, p)
    form = application_for(p) | {"homeDeathReportId": report_id, "notices": False}
    refused = (await family(SUBMIT, {"input": form}))["submitApplication"]
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("input.homeDeathReportId", "REPORT_CLOSED")]


async def test_a_declined_report_sends_the_case_that_took_it_over_to_a_clerk_with_the_reason(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "移民村回族老人在家中死亡，村委会上报")
    report_id = (await committee_of(gateway, graphql, p["householdRegionCode"])(REPORT, {"input": report_of(p)}))[
        "reportHomeDeath"
    ]["report"]["id"]
    family = applicant_of(gateway, graphql, p)
    form = application_for(p) | {"homeDeathReportId": report_id, "notices": False}
    case_id = (await family(SUBMIT, {"input": form}))["submitApplication"]["case"]["id"]
    clerk = graphql.as_(gateway.token("clerk", "staff-31", "--region", p["householdRegionCode"][:4]))

    async def probe() -> dict[str, Any]:
        return (await clerk(REVIEWED, {"id": case_id}))["case"]  # type: ignore[no-any-return]

    await wait_for(probe, lambda c: c["status"] == "IN_PROGRESS", within=30, interval=0.25)
    declined = await health_of(gateway, graphql)(DECLINE, {"id": report_id, "r": "三次致电家属均无人接听"})
    assert declined["declineHomeDeath"]["errors"] == []

    case = await probe()
    assert case["status"] == "UNDER_REVIEW" and "三次致电家属均无人接听" in case["reviewNote"]
    assert any(e["type"] == "HOME_DEATH_DECLINED" and "无人接听" in e["message"] for e in case["timeline"])
    assert {i["status"] for i in case["items"]} <= {"WAITING", "NOT_APPLICABLE"}, "nothing went out"
