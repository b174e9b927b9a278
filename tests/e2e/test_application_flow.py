"""A family's application through the real gateway and the real mock agencies, over HTTP."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest

from tests.e2e.papers import completed_with_papers, provide_missing
from tests.support.client import CASE, RESUBMIT, SUBMIT, VERIFY, GraphQL, application_for
from tests.support.processes import Running
from tests.support.waiting import wait_for

pytestmark = pytest.mark.e2e
SETTLED = {"COMPLETED", "PARTIALLY_COMPLETED"}
MONEY = re.compile(r"^\d+\.\d{2}$")


def person(people: list[dict[str, Any]], where: str) -> dict[str, Any]:
    return next(p for p in people if where in p["scenario"])


def applicant_of(gateway: Running, graphql: GraphQL, p: dict[str, Any]) -> GraphQL:
    return graphql.as_(gateway.token("applicant", p["applicant"]["idNumber"]))


async def submit(client: GraphQL, p: dict[str, Any], key: str | None = None) -> dict[str, Any]:
    payload = (await client(SUBMIT, {"input": application_for(p), "key": key}))["submitApplication"]
    assert payload["errors"] == []
    return payload["case"]  # type: ignore[no-any-return]


async def submit_quietly(client: GraphQL, p: dict[str, Any]) -> dict[str, Any]:
    """Without SMS notices: a settled case then changes no more (a sent notice is a new version)."""
    payload = (await client(SUBMIT, {"input": application_for(p) | {"notices": False}}))["submitApplication"]
    assert payload["errors"] == [], payload["errors"]
    return payload["case"]  # type: ignore[no-any-return]


async def settled(client: GraphQL, case_id: str, within: float = 60) -> dict[str, Any]:
    async def probe() -> dict[str, Any]:
        return (await client(CASE, {"id": case_id}))["case"]  # type: ignore[no-any-return]

    return await wait_for(probe, lambda c: c["status"] in SETTLED, within=within, interval=0.25)


async def test_hospital_death_case_completes_with_verifiable_certificates(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "医院死亡，火化后入公墓；退休职工")
    family = applicant_of(gateway, graphql, p)
    case = await completed_with_papers(family, (await submit(family, p))["id"])  # the grave contract, once asked

    assert case["status"] == "COMPLETED"
    applicable = [i for i in case["items"] if i["status"] != "NOT_APPLICABLE"]
    assert applicable and all(i["status"] == "COMPLETED" for i in applicable)
    kinds = {c["kind"] for c in case["certificates"]}
    assert {"MEDICAL_DEATH_CERTIFICATE", "CREMATION_CERTIFICATE", "GRAVE_USE_CERTIFICATE"} <= kinds
    for certificate in case["certificates"]:
        check = await graphql(VERIFY, {"n": certificate["number"], "c": certificate["verificationCode"]})
        assert check["verifyCertificate"]["valid"] is True
    amounts = [i["result"]["amount"] for i in applicable if i["result"]["amount"] is not None]
    assert amounts and all(MONEY.match(a) for a in amounts)
    types = [e["type"] for e in case["timeline"] if not e["type"].startswith("NOTICE_")]  # notices go out after
    assert types[0] == "SUBMITTED" and types[-1] == "CASE_COMPLETED" and "CERTIFICATE_ISSUED" in types
    shown = str(case)  # identity numbers and accounts leave the gateway masked
    assert p["idNumber"] not in shown and p["applicant"]["idNumber"] not in shown
    assert p["payoutAccount"]["accountNumber"] not in shown


async def test_same_idempotency_key_yields_one_case(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "退役军人（带病回乡退伍军人）")
    family, key = applicant_of(gateway, graphql, p), str(uuid.uuid4())
    first, second = await submit(family, p, key), await submit(family, p, key)
    assert first["id"] == second["id"] and first["reference"] == second["reference"]


async def test_rejected_claim_completes_after_resubmission_without_resending_completed_items(
    gateway: Running, graphql: GraphQL, http: httpx.AsyncClient, people: list[dict[str, Any]]
) -> None:
    p = person(people, "收款账户仍是逝者本人名下")
    family = applicant_of(gateway, graphql, p)
    case = await settled(family, (await submit(family, p))["id"])
    assert case["status"] == "PARTIALLY_COMPLETED"
    rejected = {i["kind"] for i in case["items"] if i["status"] == "REJECTED"}
    assert rejected == set(p["expect"]["rejections"])
    before = (await http.get(f"{gateway.mocks_url}/admin/ledger")).json()["keys"]

    account = p["payoutAccount"] | p["expect"]["correction"]["payoutAccount"]
    assert await provide_missing(family, case["id"])  # the grave contract civil affairs refused without
    resubmitted = await family(RESUBMIT, {"id": case["id"], "c": {"payoutAccount": account}})
    assert resubmitted["resubmitApplication"]["errors"] == []
    case = await settled(family, case["id"])

    assert case["status"] == "COMPLETED"
    after = (await http.get(f"{gateway.mocks_url}/admin/ledger")).json()["keys"]
    mine = {k: v for k, v in after.items() if k.startswith(case["reference"])}
    assert all(v["applied"] == 1 for v in mine.values())
    completed_first = {k for k, v in before.items() if k.startswith(case["reference"]) and v["kind"] not in rejected}
    assert all(after[k]["applied"] == before[k]["applied"] for k in completed_first)


async def test_completed_item_cannot_be_resubmitted(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "持残疾人证（肢体二级）")
    family = applicant_of(gateway, graphql, p)
    case = await settled(family, (await submit(family, p))["id"])
    answer = await family(RESUBMIT, {"id": case["id"], "items": ["HUKOU_CANCELLATION"]})
    assert answer["resubmitApplication"]["errors"][0]["code"] == "ITEM_ALREADY_COMPLETED"
