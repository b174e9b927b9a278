"""Every caller against every operation: allowed where docs/AUTHORIZATION.md says, refused elsewhere.

An operation counts as allowed when it reached the business rules (it answered, or refused for a
reason of the case itself, e.g. CASE_NOT_UNDER_REVIEW); as refused when the caller was turned away
(UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, NOT_YOUR_IDENTITY, OUTSIDE_YOUR_REGION, NOT_YOUR_AGENCY)
or, for reads, when the case did not come back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from gateway.security.policy import OPERATIONS, PUBLIC
from schema import build_schema
from tests.security.world import APPLICANT_1, CALLERS, DECEASED_A, World, person

TURNED_AWAY = {
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "NOT_YOUR_IDENTITY",
    "OUTSIDE_YOUR_REGION",
    "NOT_YOUR_AGENCY",
}
SEES_CASE_A = {"applicant_1", "clerk_here", "agency_owning", "admin"}
FAMILY_OF_A = {"applicant_1", "clerk_here", "admin"}
STAFF_OF_A = {"clerk_here", "admin"}


def refusal_codes(body: dict[str, Any]) -> set[str]:
    codes = {e.get("extensions", {}).get("code") for e in body.get("errors") or []}
    for payload in (body.get("data") or {}).values():
        if isinstance(payload, dict):
            codes |= {e["code"] for e in payload.get("errors") or []}
    return {c for c in codes if c}


def allowed_by_payload(body: dict[str, Any]) -> bool:
    return body.get("data") is not None and not (refusal_codes(body) & TURNED_AWAY)


def shows_case(case_id: str) -> Callable[[dict[str, Any]], bool]:
    def check(body: dict[str, Any]) -> bool:
        return case_id in repr(body.get("data")) and not body.get("errors")

    return check


async def walk(world: World, allowed: set[str], query: str, variables: dict[str, Any], ok: Callable[..., bool]) -> None:
    wrong = {}
    for caller in CALLERS:
        body = await world.ask(caller, query, variables)
        if ok(body) != (caller in allowed):
            wrong[caller] = body
    assert not wrong, f"callers answered against the matrix: {wrong}"


async def test_case_by_id(world: World) -> None:
    gid = world.gid("Case", world.case_a.id)
    await walk(world, SEES_CASE_A, "query($id: ID!) { case(id: $id) { id } }", {"id": gid}, shows_case(gid))


async def test_case_by_node(world: World) -> None:
    gid = world.gid("Case", world.case_a.id)
    query = "query($id: ID!) { node(id: $id) { id } }"
    await walk(world, SEES_CASE_A, query, {"id": gid}, shows_case(gid))


async def test_item_by_node_only_for_its_agency(world: World) -> None:
    gid = world.gid("CaseItem", world.hrss_item.id)
    query = "query($id: ID!) { node(id: $id) { id } }"
    await walk(world, SEES_CASE_A, query, {"id": gid}, shows_case(gid))


async def test_certificate_by_node(world: World) -> None:
    gid = world.gid("Certificate", world.certificate.id)
    query = "query($id: ID!) { node(id: $id) { id ... on Certificate { number } } }"
    await walk(world, SEES_CASE_A, query, {"id": gid}, shows_case(gid))


async def test_case_by_reference(world: World) -> None:
    query = "query($r: String!) { caseByReference(reference: $r) { reference } }"
    reference = world.case_a.reference or ""
    await walk(world, SEES_CASE_A, query, {"r": reference}, shows_case(reference))


@pytest.mark.parametrize(
    "filter_",
    [{}, {"reference": "REF"}, {"status": ["IN_PROGRESS"]}, {"agency": "HRSS"}, {"agency": "HEALTH"}],
    ids=["all", "reference", "status", "agency-own", "agency-other"],
)
async def test_cases_list_and_filters(world: World, filter_: dict[str, Any]) -> None:
    if filter_.get("reference"):
        filter_ = {"reference": world.case_a.reference}
    allowed = SEES_CASE_A - ({"agency_owning"} if filter_.get("agency") == "HEALTH" else set())
    query = "query($f: CaseFilter) { cases(filter: $f) { totalCount edges { node { id } } } }"
    gid = world.gid("Case", world.case_a.id)
    await walk(world, allowed, query, {"f": filter_}, shows_case(gid))


async def test_nested_fields_do_not_reach_other_cases(world: World) -> None:
    """Listing with every nested field never shows case B to those of case A's side only."""
    query = "{ cases(first: 20) { edges { node { id items { id } certificates { id } timeline { type } } } } }"
    gid_b = world.gid("Case", world.case_b.id)
    await walk(world, {"applicant_2", "clerk_elsewhere", "admin"}, query, {}, shows_case(gid_b))


MUTATIONS: dict[str, tuple[str, set[str]]] = {
    "reviewCase": ("mutation($c: ID!) { reviewCase(caseId: $c, decision: APPROVE) { errors { code } } }", STAFF_OF_A),
    "withdrawApplication": (
        'mutation($c: ID!) { withdrawApplication(caseId: $c, reason: "r") { errors { code } } }',
        FAMILY_OF_A,
    ),
    "resubmitApplication": ("mutation($c: ID!) { resubmitApplication(caseId: $c) { errors { code } } }", FAMILY_OF_A),
    "retryItem": ("mutation($i: ID!) { retryItem(itemId: $i) { errors { code } } }", STAFF_OF_A),
    "setNotices": ("mutation($c: ID!) { setNotices(caseId: $c, enabled: false) { errors { code } } }", FAMILY_OF_A),
    "reportItemOutcome": (
        'mutation($i: ID!) { reportItemOutcome(itemId: $i, outcome: {accepted: true, agencyReference: "R1"}) { errors { code } } }',
        {"agency_owning", "admin"},
    ),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
async def test_mutation_on_case_a(world: World, name: str) -> None:
    query, allowed = MUTATIONS[name]
    variables = {"c": world.gid("Case", world.case_a.id), "i": world.gid("CaseItem", world.hrss_item.id)}
    await walk(world, allowed, query, variables, allowed_by_payload)


async def test_submit_application_as_applicant_1(world: World) -> None:
    """Submitting with applicant 1 as the applicant for a deceased of 银川 (6401)."""
    query = "mutation($in: ApplicationInput!) { submitApplication(input: $in) { errors { code } } }"
    p = person("640104194910010717")
    p["applicant"] = {**person(DECEASED_A)["applicant"], "idNumber": APPLICANT_1}
    fields = ("name", "idNumber", "deathDate", "deathPlace", "deathType", "diedInMedicalInstitution")
    deceased = {k: p[k] for k in (*fields, "householdRegionCode", "disposal")}
    form = {"channel": "APP", "deceased": deceased, "applicant": p["applicant"], "payoutAccount": p["payoutAccount"]}
    await walk(world, FAMILY_OF_A, query, {"in": form | {"optionalItems": p["optionalItems"]}}, allowed_by_payload)


async def test_register_agency_endpoint(world: World) -> None:
    query = """mutation { registerAgencyEndpoint(input: {agency: HRSS, baseUrl: "http://127.0.0.1:9/hrss",
      itemKinds: [PENSION_ACCOUNT_REFUND]}) { errors { code } } }"""
    await walk(world, {"agency_owning", "admin"}, query, {}, allowed_by_payload)


async def test_eligibility(world: World) -> None:
    query = "query($n: String!) { eligibility(deceasedIdNumber: $n) { unavailableAgencies } }"
    await walk(world, FAMILY_OF_A | {"clerk_elsewhere"}, query, {"n": DECEASED_A}, allowed_by_payload)


async def test_agencies_list(world: World) -> None:
    query = "{ agencies { agency } }"
    staff = {"clerk_here", "clerk_elsewhere", "agency_owning", "agency_other", "admin"}
    await walk(world, staff, query, {}, allowed_by_payload)


async def test_access_log_is_for_admins(world: World) -> None:
    await walk(world, {"admin"}, "{ accessLog(first: 10) { operation } }", {}, allowed_by_payload)


@pytest.mark.parametrize(
    "query", ["{ itemCatalogue { kind } }", '{ verifyCertificate(number: "x", verificationCode: "y") { valid } }']
)
async def test_public_queries_need_a_valid_token_or_none(world: World, query: str) -> None:
    """Anyone may ask, but a bad token is still refused rather than quietly ignored."""
    await walk(
        world, set(CALLERS) - {"forged", "expired", "wrong_audience", "wrong_issuer"}, query, {}, allowed_by_payload
    )


def test_every_root_field_has_a_rule() -> None:
    schema = build_schema()._schema
    fields = {*schema.query_type.fields, *schema.mutation_type.fields, *schema.subscription_type.fields}  # type: ignore[union-attr]
    assert fields == set(OPERATIONS) | set(PUBLIC)
