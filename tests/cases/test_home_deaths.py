"""Deaths outside a hospital (plan 二): the committee reports, the health centre confirms, and only
then is the medical death certificate sent for; a committee of another region is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from adapters.kinds import Agency
from gateway.dispatch.dispatcher import Dispatcher
from gateway.ids import to_global
from gateway.security.tokens import Role
from gateway.store.models import ItemRow
from tests.faults.flow import ordinary
from tests.support.agencies import agencies_in_process, in_process_urls
from tests.support.cases import local_people
from tests.support.client import SUBMIT, application_for
from tests.support.inprocess import InProcess, gateway_in_process
from tests.support.postgres import fresh_database, postgres_url_or_skip

REPORT_FIELDS = """id status deceasedName deceasedIdNumberMasked deceasedIdNumber deathDate householdRegionCode
  committeeName familyContactName familyContactPhoneMasked familyContactPhone confirmedAt"""
REPORT = f"""mutation($input: HomeDeathReportInput!) {{ reportHomeDeath(input: $input) {{
  report {{ {REPORT_FIELDS} }} errors {{ field code message }} }} }}"""
CONFIRM = f"""mutation($id: ID!) {{ confirmHomeDeath(reportId: $id, note: "已电话联系家属确认") {{
  report {{ {REPORT_FIELDS} }} errors {{ field code message }} }} }}"""
LIST = f"query($status: HomeDeathStatus) {{ homeDeathReports(status: $status) {{ {REPORT_FIELDS} }} }}"
ONE = f"query($id: ID!) {{ homeDeathReport(id: $id) {{ {REPORT_FIELDS} }} }}"
CONTACT = {"name": "马丽", "idNumber": "640104197506220337", "phone": "13954121870", "relationship": "CHILD"}
DECEASED = {
    "name": "马德福", "idNumber": "640104194803120515", "deathDate": "2026-11-20",
    "deathPlace": "银川市兴庆区丽景街道某小区家中", "householdRegionCode": "640104",
}  # fmt: skip


def report_input(deceased: dict[str, Any] = DECEASED, contact: dict[str, Any] = CONTACT) -> dict[str, Any]:
    return {"deceased": deceased, "committeeName": "丽景街道丽景社区居委会", "familyContact": contact}


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[InProcess]:
    async with gateway_in_process(tmp_path) as running:
        yield running


def committee(gateway: InProcess, region: str = "6401") -> str:
    return gateway.token(Role.COMMITTEE, f"committee-{region}", region=region)


def health(gateway: InProcess, agency: Agency = Agency.HEALTH) -> str:
    return gateway.token(Role.AGENCY, f"{agency.value.lower()}-system", agency=agency)


async def reported(gateway: InProcess, variables: dict[str, Any], token: str) -> dict[str, Any]:
    body = (await gateway.graphql(REPORT, variables, token)).json()
    return body["data"]["reportHomeDeath"]  # type: ignore[no-any-return]


async def test_a_committee_reports_a_home_death_and_the_health_agency_sees_it_to_confirm(gateway: InProcess) -> None:
    payload = await reported(gateway, {"input": report_input()}, committee(gateway))
    assert payload["errors"] == []
    assert payload["report"]["status"] == "REPORTED"
    assert payload["report"]["familyContactPhone"] is None  # the committee sees masks

    (listed,) = (await gateway.graphql(LIST, {"status": "REPORTED"}, health(gateway))).json()["data"][
        "homeDeathReports"
    ]
    assert listed["deceasedName"] == "马德福" and listed["familyContactPhone"] == "13954121870"
    assert listed["deceasedIdNumber"] == DECEASED["idNumber"]

    confirmed = (await gateway.graphql(CONFIRM, {"id": listed["id"]}, health(gateway))).json()["data"]
    assert confirmed["confirmHomeDeath"]["report"]["status"] == "CONFIRMED"
    again = (await gateway.graphql(CONFIRM, {"id": listed["id"]}, health(gateway))).json()["data"]
    assert again["confirmHomeDeath"]["errors"][0]["code"] == "ALREADY_CONFIRMED"
    assert (await gateway.graphql(LIST, {"status": "REPORTED"}, health(gateway))).json()["data"] == {
        "homeDeathReports": []
    }


async def test_a_committee_of_another_region_is_refused_and_nothing_is_stored(gateway: InProcess) -> None:
    payload = await reported(gateway, {"input": report_input()}, committee(gateway, "6402"))  # 石嘴山, not 银川
    assert payload["report"] is None
    (error,) = payload["errors"]
    assert error["field"] == "input.deceased.householdRegionCode" and error["code"] == "OUTSIDE_YOUR_REGION"
    assert "辖区" in error["message"]
    listed = (await gateway.graphql(LIST, {}, health(gateway))).json()["data"]["homeDeathReports"]
    assert listed == []


async def test_a_report_is_checked_field_by_field(gateway: InProcess) -> None:
    bad = report_input({**DECEASED, "idNumber": "640104194803120516"}, {**CONTACT, "phone": "12"})
    payload = await reported(gateway, {"input": bad}, committee(gateway))
    assert {(e["field"], e["code"]) for e in payload["errors"]} == {
        ("input.deceased.idNumber", "ID_NUMBER_CHECKSUM"),
        ("input.familyContact.phone", "PHONE_FORMAT"),
    }


async def test_only_the_family_contact_reads_the_report_among_families(gateway: InProcess) -> None:
    report_id = (await reported(gateway, {"input": report_input()}, committee(gateway)))["report"]["id"]
    contact = gateway.token(Role.APPLICANT, CONTACT["idNumber"])
    stranger = gateway.token(Role.APPLICANT, "640104198001010011")
    shown = (await gateway.graphql(ONE, {"id": report_id}, contact)).json()["data"]["homeDeathReport"]
    assert shown["deceasedName"] == "马德福" and shown["deathDate"] == "2026-11-20"
    assert shown["deceasedIdNumberMasked"] != DECEASED["idNumber"] and shown["deceasedIdNumber"] is None
    assert (await gateway.graphql(ONE, {"id": report_id}, stranger)).json()["data"]["homeDeathReport"] is None


async def test_families_and_other_agencies_may_neither_report_nor_confirm(gateway: InProcess) -> None:
    family = gateway.token(Role.APPLICANT, CONTACT["idNumber"])
    refused = (await gateway.graphql(REPORT, {"input": report_input()}, family)).json()
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    report_id = (await reported(gateway, {"input": report_input()}, committee(gateway)))["report"]["id"]
    hrss = health(gateway, Agency.HRSS)
    assert (await gateway.graphql(CONFIRM, {"id": report_id}, hrss)).json()["errors"][0]["extensions"][
        "code"
    ] == "FORBIDDEN"
    assert (await gateway.graphql(LIST, {}, hrss)).json()["data"]["homeDeathReports"] == []


async def _certificate_status(gateway: InProcess) -> str:
    async with gateway.services.db.reading() as session:
        query = select(ItemRow.status).where(ItemRow.kind == "MEDICAL_DEATH_CERTIFICATE")
        return (await session.scalars(query)).one()


async def test_the_death_certificate_waits_for_the_health_centres_confirmation(tmp_path: Path) -> None:
    person = next(
        p for p in ordinary(local_people()) if p["deathType"] == "NORMAL" and not p["diedInMedicalInstitution"]
    )
    application = application_for(person)
    deceased = {k: application["deceased"][k] for k in DECEASED}
    contact = person["applicant"]
    async with (
        agencies_in_process() as agencies,
        gateway_in_process(tmp_path, agencies=agencies, agency_base_urls=in_process_urls()) as gateway,
    ):
        region = deceased["householdRegionCode"][:4]
        report = await reported(gateway, {"input": report_input(deceased, contact)}, committee(gateway, region))
        assert report["errors"] == []
        family = gateway.token(Role.APPLICANT, contact["idNumber"])
        pre_filled = (await gateway.graphql(ONE, {"id": report["report"]["id"]}, family)).json()["data"]
        assert pre_filled["homeDeathReport"]["deceasedName"] == person["name"]

        submitted = await gateway.graphql(
            SUBMIT, {"input": {**application, "homeDeathReportId": report["report"]["id"]}}, family
        )
        assert submitted.json()["data"]["submitApplication"]["errors"] == []
        await Dispatcher(gateway.services).drain(max_rounds=4)
        assert await _certificate_status(gateway) == "WAITING"  # reported, not yet confirmed

        confirmed = (await gateway.graphql(CONFIRM, {"id": report["report"]["id"]}, health(gateway))).json()
        assert confirmed["data"]["confirmHomeDeath"]["errors"] == []
        await Dispatcher(gateway.services).drain(max_rounds=2)
        assert await _certificate_status(gateway) in ("DISPATCHED", "ACCEPTED", "COMPLETED")


async def test_an_application_takes_over_only_the_report_of_its_own_death(gateway: InProcess) -> None:
    report_id = (await reported(gateway, {"input": report_input()}, committee(gateway)))["report"]["id"]
    family = gateway.token(Role.APPLICANT, CONTACT["idNumber"])
    application = {
        "channel": "APP", "applicant": CONTACT, "homeDeathReportId": report_id,
        "deceased": {**DECEASED, "deathType": "NORMAL", "diedInMedicalInstitution": True, "disposal": "CREMATION"},
    }  # fmt: skip
    errors = (await gateway.graphql(SUBMIT, {"input": application}, family)).json()["data"]["submitApplication"]
    assert [(e["field"], e["code"]) for e in errors["errors"]] == [("input.homeDeathReportId", "NOT_A_HOME_DEATH")]
    other = {**application, "homeDeathReportId": to_global("HomeDeathReport", "nope")}
    errors = (await gateway.graphql(SUBMIT, {"input": other}, family)).json()["data"]["submitApplication"]
    assert [(e["field"], e["code"]) for e in errors["errors"]] == [("input.homeDeathReportId", "NOT_FOUND")]


async def test_reports_are_kept_and_confirmed_on_postgresql(tmp_path: Path) -> None:
    async with fresh_database(postgres_url_or_skip()) as url, gateway_in_process(tmp_path, database_url=url) as gateway:
        assert gateway.services.db.engine.dialect.name == "postgresql"
        payload = await reported(gateway, {"input": report_input()}, committee(gateway))
        confirmed = (await gateway.graphql(CONFIRM, {"id": payload["report"]["id"]}, health(gateway))).json()
        assert confirmed["data"]["confirmHomeDeath"]["report"]["status"] == "CONFIRMED"
        contact = gateway.token(Role.APPLICANT, CONTACT["idNumber"])
        shown = (await gateway.graphql(ONE, {"id": payload["report"]["id"]}, contact)).json()["data"]
        assert shown["homeDeathReport"]["confirmedAt"] is not None
