"""The loop closed on the real mocks: a family whose case completed rates it, once; nobody else can;
the clerk of the region sees the rating without who gave it; a supervisor's figures count the case."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.clock import china_date, utcnow
from tests.e2e.test_application_flow import applicant_of, person, settled, submit
from tests.support.client import GraphQL
from tests.support.processes import Running

pytestmark = pytest.mark.e2e
RATE = """mutation($id: ID!, $input: RatingInput!) { rateCase(caseId: $id, input: $input) {
  rating { score comment caseId } errors { field code message } } }"""
RATINGS = "{ ratings { score comment caseId regionCode } }"
STATISTICS = """query($from: Date!, $to: Date!) { statistics(from: $from, to: $to, groupBy: REGION) {
  key suppressed casesReceived casesFinished ratingCount } }"""


async def test_the_family_rates_its_finished_case_once_and_nobody_else_can(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p, other = person(people, "医院死亡，火化后入公墓；退休职工"), person(people, "持有公司股权")
    family = applicant_of(gateway, graphql, p)
    case = await settled(family, (await submit(family, p))["id"])
    rating = {"id": case["id"], "input": {"score": 5, "comment": "办得很快，谢谢"}}

    stranger = (await applicant_of(gateway, graphql, other)(RATE, rating))["rateCase"]
    assert [e["code"] for e in stranger["errors"]] == ["NOT_FOUND"], "answered like a case that does not exist"
    first = (await family(RATE, rating))["rateCase"]
    assert first["errors"] == [] and first["rating"]["score"] == 5
    second = (await family(RATE, rating))["rateCase"]
    assert [e["code"] for e in second["errors"]] == ["ALREADY_RATED"]

    clerk = graphql.as_(gateway.token("clerk", "staff-21", "--region", p["householdRegionCode"][:4]))
    seen = [r for r in (await clerk(RATINGS))["ratings"] if r["comment"] == "办得很快，谢谢"]
    assert len(seen) == 1 and seen[0]["caseId"] is None, "a clerk sees the rating, not whose it is"

    supervisor = graphql.as_(gateway.token("supervisor", "sup-01", "--region", "64"))
    today = china_date(utcnow()).isoformat()  # cases are counted by their day in China
    groups = (await supervisor(STATISTICS, {"from": "2026-01-01", "to": today}))["statistics"]
    assert groups and all(g["suppressed"] or g["casesReceived"] >= 5 for g in groups), "small groups hidden"
