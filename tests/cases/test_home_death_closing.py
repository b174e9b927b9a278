"""A home-death report closed without a certificate: withdrawn by the committee that filed it, or
declined by the health centre, each with a reason; decided once; who may do it; the family's case
that took it over stops waiting for it, its family is told, and it goes to a clerk."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from adapters.kinds import Agency
from gateway.dispatch.dispatcher import Dispatcher
from gateway.domain.notices import Milestone
from gateway.security.tokens import Role
from gateway.store.models import NoticeRow
from tests.cases.test_home_deaths import CONFIRM, CONTACT, DECEASED, committee, health, report_input, reported
from tests.faults.flow import ordinary
from tests.support.agencies import agencies_in_process, in_process_urls
from tests.support.cases import local_people
from tests.support.client import SUBMIT, application_for
from tests.support.inprocess import InProcess, gateway_in_process

FIELDS = "report { id status closedAt closeReason } errors { field code message }"
WITHDRAW = f"mutation($id: ID!, $r: String!) {{ withdrawHomeDeathReport(reportId: $id, reason: $r) {{ {FIELDS} }} }}"
DECLINE = f"mutation($id: ID!, $r: String!) {{ declineHomeDeath(reportId: $id, reason: $r) {{ {FIELDS} }} }}"
SEEN = """query($id: ID!) { case(id: $id) { status reviewNote timeline { type message itemKind }
  items { kind status } } }"""
NOT_CONFIRMED = Milestone.HOME_DEATH_NOT_CONFIRMED.value
APPLICATION = {
    "channel": "APP", "applicant": CONTACT,
    "deceased": {**DECEASED, "deathType": "NORMAL", "diedInMedicalInstitution": False, "disposal": "CREMATION"},
}  # fmt: skip


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[InProcess]:
    async with gateway_in_process(tmp_path) as running:
        yield running


async def call(gateway: InProcess, query: str, variables: dict[str, Any], token: str) -> dict[str, Any]:
    body = (await gateway.graphql(query, variables, token)).json()
    assert "errors" not in body, body
    return next(iter(body["data"].values()))


async def refused_code(gateway: InProcess, query: str, variables: dict[str, Any], token: str) -> str:
    return str((await gateway.graphql(query, variables, token)).json()["errors"][0]["extensions"]["code"])


def codes(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in payload["errors"]]


async def a_report(gateway: InProcess) -> str:
    return str((await reported(gateway, {"input": report_input()}, committee(gateway)))["report"]["id"])


async def test_the_committee_that_filed_a_report_withdraws_it_with_a_reason_once(gateway: InProcess) -> None:
    report_id = await a_report(gateway)
    withdrawn = await call(gateway, WITHDRAW, {"id": report_id, "r": " 误报：逝者为邻户 "}, committee(gateway))
    assert withdrawn["errors"] == [] and withdrawn["report"]["status"] == "WITHDRAWN"
    assert withdrawn["report"]["closeReason"] == "误报：逝者为邻户" and withdrawn["report"]["closedAt"]

    again = await call(gateway, WITHDRAW, {"id": report_id, "r": "再次撤回"}, committee(gateway))
    assert codes(again) == [("reportId", "REPORT_CLOSED")]
    confirming = await call(gateway, CONFIRM, {"id": report_id}, health(gateway))
    assert codes(confirming) == [("reportId", "REPORT_CLOSED")]
    family = gateway.token(Role.APPLICANT, CONTACT["idNumber"])
    taking_over = await call(gateway, SUBMIT, {"input": APPLICATION | {"homeDeathReportId": report_id}}, family)
    assert codes(taking_over) == [("input.homeDeathReportId", "REPORT_CLOSED")]


async def test_only_the_filing_committee_withdraws_and_a_reason_is_required(gateway: InProcess) -> None:
    report_id = await a_report(gateway)
    colleague = gateway.token(Role.COMMITTEE, "another-desk-6401", region="6401")
    assert codes(await call(gateway, WITHDRAW, {"id": report_id, "r": "误报"}, colleague)) == [
        ("reportId", "NOT_YOUR_REPORT")
    ]
    elsewhere = committee(gateway, "6402")
    assert codes(await call(gateway, WITHDRAW, {"id": report_id, "r": "误报"}, elsewhere)) == [
        ("reportId", "NOT_FOUND")
    ]
    assert codes(await call(gateway, WITHDRAW, {"id": report_id, "r": "  "}, committee(gateway))) == [
        ("reason", "REASON_REQUIRED")
    ]
    family = gateway.token(Role.APPLICANT, CONTACT["idNumber"])
    assert await refused_code(gateway, WITHDRAW, {"id": report_id, "r": "误报"}, family) == "FORBIDDEN"
    assert await refused_code(gateway, WITHDRAW, {"id": report_id, "r": "误报"}, health(gateway)) == "FORBIDDEN"


async def test_the_health_centre_declines_with_a_reason_and_nobody_else_may(gateway: InProcess) -> None:
    report_id = await a_report(gateway)
    hrss = health(gateway, Agency.HRSS)
    assert await refused_code(gateway, DECLINE, {"id": report_id, "r": "联系不上"}, hrss) == "FORBIDDEN"
    assert await refused_code(gateway, DECLINE, {"id": report_id, "r": "联系不上"}, committee(gateway)) == "FORBIDDEN"
    assert codes(await call(gateway, DECLINE, {"id": report_id, "r": "因" * 501}, health(gateway))) == [
        ("reason", "REASON_REQUIRED")
    ]
    declined = await call(gateway, DECLINE, {"id": report_id, "r": "三次致电家属均无人接听"}, health(gateway))
    assert declined["errors"] == [] and declined["report"]["status"] == "DECLINED"
    assert codes(await call(gateway, WITHDRAW, {"id": report_id, "r": "误报"}, committee(gateway))) == [
        ("reportId", "REPORT_CLOSED")
    ]


async def test_a_confirmed_report_stands(gateway: InProcess) -> None:
    report_id = await a_report(gateway)
    assert (await call(gateway, CONFIRM, {"id": report_id}, health(gateway)))["errors"] == []
    assert codes(await call(gateway, DECLINE, {"id": report_id, "r": "并非居家死亡"}, health(gateway))) == [
        ("reportId", "ALREADY_CONFIRMED")
    ]
    assert codes(await call(gateway, WITHDRAW, {"id": report_id, "r": "误报"}, committee(gateway))) == [
        ("reportId", "ALREADY_CONFIRMED")
    ]


async def test_the_case_that_took_a_declined_report_over_goes_to_a_clerk_with_the_reason(tmp_path: Path) -> None:
    person = next(
        p for p in ordinary(local_people()) if p["deathType"] == "NORMAL" and not p["diedInMedicalInstitution"]
    )
    application = application_for(person)
    deceased = {k: application["deceased"][k] for k in DECEASED}
    async with (
        agencies_in_process() as agencies,
        gateway_in_process(tmp_path, agencies=agencies, agency_base_urls=in_process_urls()) as gateway,
    ):
        region = deceased["householdRegionCode"][:4]
        report = await reported(
            gateway, {"input": report_input(deceased, person["applicant"])}, committee(gateway, region)
        )
        report_id = report["report"]["id"]
        family = gateway.token(Role.APPLICANT, person["applicant"]["idNumber"])
        submitted = await call(gateway, SUBMIT, {"input": {**application, "homeDeathReportId": report_id}}, family)
        await Dispatcher(gateway.services).drain(max_rounds=4)

        await call(gateway, DECLINE, {"id": report_id, "r": "经核实并非在家中死亡"}, health(gateway))
        await Dispatcher(gateway.services).drain(max_rounds=2)
        admin = gateway.token(Role.ADMIN, "ops-admin")
        case = (await gateway.graphql(SEEN, {"id": submitted["case"]["id"]}, admin)).json()["data"]["case"]
        async with gateway.services.db.reading() as session:
            texts = (await session.scalars(select(NoticeRow.text).where(NoticeRow.milestone == NOT_CONFIRMED))).all()
    assert texts and all("经核实并非在家中死亡" in t and "将与您联系" in t for t in texts)  # the family is told
    assert case["status"] == "UNDER_REVIEW" and "经核实并非在家中死亡" in case["reviewNote"]
    (told,) = [e for e in case["timeline"] if e["type"] == "HOME_DEATH_DECLINED"]
    assert "经核实并非在家中死亡" in told["message"] and told["itemKind"] == "MEDICAL_DEATH_CERTIFICATE"
    assert [i["status"] for i in case["items"] if i["kind"] == "MEDICAL_DEATH_CERTIFICATE"] == ["WAITING"]
