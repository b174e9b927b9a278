"""A non-normal death is certified by the police station of the household or of the incident place (二)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.papers import provide_missing
from tests.e2e.test_application_flow import applicant_of, person, settled
from tests.support.client import RESUBMIT, SUBMIT, GraphQL, application_for
from tests.support.processes import Running

pytestmark = pytest.mark.e2e
AWAY = "在户籍地以外的沙坡头区发生交通事故"


def with_incident(p: dict[str, Any], **deceased: Any) -> dict[str, Any]:
    form = application_for(p)
    form["deceased"] |= deceased
    return form


async def test_the_station_where_it_happened_issues_the_certificate(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, AWAY)
    assert p["incidentRegionCode"] == "640502" and p["householdRegionCode"] == "640522"
    family = applicant_of(gateway, graphql, p)
    form = with_incident(p, incidentRegionCode=p["incidentRegionCode"])
    submitted = (await family(SUBMIT, {"input": form}))["submitApplication"]
    assert submitted["errors"] == []
    case = await settled(family, submitted["case"]["id"])
    # The housing fund waits for the employer's sealing certificate: provided, then resubmitted.
    fund = next(i for i in case["items"] if i["kind"] == "HOUSING_FUND_WITHDRAWAL")
    assert fund["status"] == "REJECTED" and "封存证明" in fund["rejectionReason"]
    assert await provide_missing(family, case["id"])
    assert (await family(RESUBMIT, {"id": case["id"]}))["resubmitApplication"]["errors"] == []
    case = await settled(family, case["id"])
    assert case["status"] == "COMPLETED"
    certificate = next(c for c in case["certificates"] if c["kind"] == "ABNORMAL_DEATH_CERTIFICATE")
    assert certificate["issuer"] == "沙坡头区公安分局文昌派出所"
    hukou = next(i for i in case["items"] if i["kind"] == "HUKOU_CANCELLATION")
    assert hukou["result"]["data"]["station"] == "海原县公安分局海城派出所"  # the household's own station


@pytest.mark.parametrize(
    ("deceased", "code"),
    [
        ({"incidentRegionCode": "640502", "deathType": "NORMAL"}, "INCIDENT_PLACE_FOR_NORMAL_DEATH"),
        ({"incidentRegionCode": "610102"}, "OUT_OF_SCOPE_REGION"),
        ({"incidentRegionCode": "6405"}, "REGION_CODE_FORMAT"),
    ],
)
async def test_an_incident_place_that_cannot_be_is_refused_by_field(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]], deceased: dict[str, Any], code: str
) -> None:
    p = person(people, AWAY)
    family = applicant_of(gateway, graphql, p)
    answer = (await family(SUBMIT, {"input": with_incident(p, **deceased)}))["submitApplication"]
    assert answer["case"] is None
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [("input.deceased.incidentRegionCode", code)]
