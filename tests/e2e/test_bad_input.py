"""Careless or hostile input gets a specific error and creates nothing."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from gateway.domain.identity import expected_check_character
from tests.support.client import CASE_COUNT, SUBMIT, GraphQL, application_for
from tests.support.processes import Running

pytestmark = pytest.mark.e2e


def wrong_check(id_number: str) -> str:
    right = expected_check_character(id_number[:17])
    return id_number[:17] + ("1" if right != "1" else "2")


CASES = [
    ("deceased.idNumber", wrong_check, "input.deceased.idNumber", "ID_NUMBER_CHECKSUM"),
    ("applicant.idNumber", lambda v: v[:10], "input.applicant.idNumber", "ID_NUMBER_FORMAT"),
    ("deceased.deathDate", lambda _: "2099-01-01", "input.deceased.deathDate", "DEATH_DATE_IN_FUTURE"),
    ("deceased.householdRegionCode", lambda _: "610102", "input.deceased.householdRegionCode", "OUT_OF_SCOPE_REGION"),
    (
        "deceased.deathPlace",
        lambda _: "陕西省西安市雁塔区某医院",
        "input.deceased.deathPlace",
        "OUT_OF_SCOPE_DEATH_PLACE",
    ),
    ("applicant.phone", lambda _: "12345", "input.applicant.phone", "PHONE_FORMAT"),
]


def altered(form: dict[str, Any], path: str, change: Any) -> dict[str, Any]:
    form = copy.deepcopy(form)
    section, field = path.split(".")
    form[section][field] = change(form[section][field])
    return form


@pytest.mark.parametrize(("path", "change", "field", "code"), CASES, ids=[c[3] for c in CASES])
async def test_invalid_application_is_refused_with_field_and_code(
    gateway: Running, admin: GraphQL, people: list[dict[str, Any]], path: str, change: Any, field: str, code: str
) -> None:
    before = (await admin(CASE_COUNT))["cases"]["totalCount"]
    form = altered(application_for(people[0]), path, change)
    errors = (await admin(SUBMIT, {"input": form}))["submitApplication"]["errors"]
    assert {"field": field, "code": code} in [{"field": e["field"], "code": e["code"]} for e in errors]
    assert all(e["message"] for e in errors)
    assert (await admin(CASE_COUNT))["cases"]["totalCount"] == before


async def test_person_outside_ningxia_is_refused(admin: GraphQL, people: list[dict[str, Any]]) -> None:
    outsider = next(p for p in people if not p["householdRegionCode"].startswith("64"))
    errors = (await admin(SUBMIT, {"input": application_for(outsider)}))["submitApplication"]["errors"]
    assert "OUT_OF_SCOPE_REGION" in {e["code"] for e in errors}


async def test_unknown_enum_value_is_a_graphql_error_not_a_server_error(
    admin: GraphQL, people: list[dict[str, Any]]
) -> None:
    form = application_for(people[0]) | {"channel": "FAX"}
    response = await admin.post(SUBMIT, {"input": form})
    assert response.status_code < 500
    assert "FAX" in response.json()["errors"][0]["message"]


async def test_malformed_body_is_a_client_error(gateway: Running, admin: GraphQL) -> None:
    response = await admin.http.post(
        gateway.graphql, content=b'{"query": "{ cases', headers={"Content-Type": "application/json"}
    )
    assert 400 <= response.status_code < 500


async def test_submission_without_token_is_refused(graphql: GraphQL, people: list[dict[str, Any]]) -> None:
    body = (await graphql.post(SUBMIT, {"input": application_for(people[0])})).json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
