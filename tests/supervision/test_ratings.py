"""好差评: the family rates a finished case once; each reader sees what concerns it, and only an
admin (or the family) learns which case a rating came from."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import text

from adapters.kinds import Agency, ItemKind
from gateway.ids import to_global
from gateway.security.tokens import Role
from gateway.store.models import CaseRow
from tests.support.inprocess import InProcess
from tests.support.rows import case_row, item_row

FAMILY, STRANGER = "640104197506220337", "640105196504180177"
RATE = """mutation($id: ID!, $input: RatingInput!) {
  rateCase(caseId: $id, input: $input) {
    rating { score comment agencies { agency score } caseId ratedOn regionCode }
    errors { field code message } } }"""
RATINGS = "{ ratings { score comment agencies { agency score } caseId regionCode } }"
SENT = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
DONE = datetime(2026, 11, 4, 2, 0, tzinfo=UTC)


async def a_case(gateway: InProcess, status: str = "COMPLETED") -> CaseRow:
    """A case of FAMILY in 640104 whose hukou item went to the police and was completed."""
    case = case_row("640104", datetime(2026, 11, 1, 2, 0, tzinfo=UTC), status, applicant_id_number=FAMILY)
    hukou = item_row(case, ItemKind.HUKOU_CANCELLATION, Agency.PUBLIC_SECURITY, "COMPLETED",
                     dispatched_at=SENT, deadline=date(2026, 11, 6), updated_at=DONE)  # fmt: skip
    async with gateway.services.db.writing() as session:
        session.add(case)
        await session.flush()
        session.add(hukou)
    return case


async def rate(gateway: InProcess, case: CaseRow, rating: dict[str, Any], who: str = FAMILY) -> dict[str, Any]:
    token = gateway.token(Role.APPLICANT, who)
    answer = (await gateway.graphql(RATE, {"id": to_global("Case", case.id), "input": rating}, token)).json()
    return dict(answer["data"]["rateCase"])


def codes(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in payload["errors"]]


async def test_the_applicant_rates_a_finished_case_once_and_a_second_rating_is_refused(gateway: InProcess) -> None:
    case = await a_case(gateway)
    first = await rate(
        gateway, case, {"score": 4, "comment": "办得快", "agencies": [{"agency": "PUBLIC_SECURITY", "score": 5}]}
    )
    assert first["errors"] == []
    assert first["rating"]["score"] == 4
    assert first["rating"]["agencies"] == [{"agency": "PUBLIC_SECURITY", "score": 5}]
    assert first["rating"]["caseId"] == to_global("Case", case.id)  # the family sees its own case

    second = await rate(gateway, case, {"score": 1})
    assert second["rating"] is None
    assert codes(second) == [("caseId", "ALREADY_RATED")]


async def test_nobody_but_the_applicant_rates_and_another_family_is_answered_as_for_a_missing_case(
    gateway: InProcess,
) -> None:
    case = await a_case(gateway)
    stranger = await rate(gateway, case, {"score": 1}, who=STRANGER)
    missing = await rate(gateway, CaseRow(id="no-such-case"), {"score": 1}, who=STRANGER)
    assert stranger == missing == {"rating": None, "errors": [missing["errors"][0]]}
    assert codes(stranger) == [("caseId", "NOT_FOUND")]

    for token in (gateway.token(Role.CLERK, "staff-01", region="6401"), gateway.token(Role.ADMIN, "ops")):
        refused = (await gateway.graphql(RATE, {"id": to_global("Case", case.id), "input": {"score": 1}}, token)).json()
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await rate(gateway, case, {"score": 3}))["errors"] == []  # the family's rating is still to give


async def test_a_case_still_in_progress_cannot_be_rated(gateway: InProcess) -> None:
    case = await a_case(gateway, status="IN_PROGRESS")
    assert codes(await rate(gateway, case, {"score": 5})) == [("caseId", "CASE_NOT_FINISHED")]


async def test_each_mistake_in_a_rating_names_its_field(gateway: InProcess) -> None:
    case = await a_case(gateway, status="PARTIALLY_COMPLETED")
    wrong = {
        "score": 6,
        "comment": "好" * 501,
        "agencies": [{"agency": "HRSS", "score": 3}, {"agency": "PUBLIC_SECURITY", "score": 0}],
    }
    assert codes(await rate(gateway, case, wrong)) == [
        ("input.score", "SCORE_OUT_OF_RANGE"),
        ("input.comment", "COMMENT_TOO_LONG"),
        ("input.agencies[0].agency", "AGENCY_NOT_ON_CASE"),
        ("input.agencies[1].score", "SCORE_OUT_OF_RANGE"),
    ]
    assert (await rate(gateway, case, {"score": 5}))["errors"] == []  # nothing was stored by the refusal


async def ratings_seen_by(gateway: InProcess, token: str) -> list[dict[str, Any]]:
    return list((await gateway.graphql(RATINGS, token=token)).json()["data"]["ratings"])


async def test_clerks_and_agencies_see_the_ratings_that_concern_them_and_only_admins_see_whose_they_are(
    gateway: InProcess,
) -> None:
    case = await a_case(gateway)
    given = {"score": 2, "comment": "跑了两趟", "agencies": [{"agency": "PUBLIC_SECURITY", "score": 4}]}
    assert (await rate(gateway, case, given))["errors"] == []
    police = [{"agency": "PUBLIC_SECURITY", "score": 4}]

    clerk = await ratings_seen_by(gateway, gateway.token(Role.CLERK, "staff-01", region="6401"))
    assert clerk == [{"score": 2, "comment": "跑了两趟", "agencies": police, "caseId": None, "regionCode": "640104"}]
    assert await ratings_seen_by(gateway, gateway.token(Role.CLERK, "staff-02", region="6402")) == []

    agency = await ratings_seen_by(gateway, gateway.token(Role.AGENCY, "ps", agency=Agency.PUBLIC_SECURITY))
    assert agency == [{"score": None, "comment": None, "agencies": police, "caseId": None, "regionCode": "640104"}]
    assert await ratings_seen_by(gateway, gateway.token(Role.AGENCY, "hrss", agency=Agency.HRSS)) == []

    admin = await ratings_seen_by(gateway, gateway.token(Role.ADMIN, "ops"))
    assert [r["caseId"] for r in admin] == [to_global("Case", case.id)]
    assert await ratings_seen_by(gateway, gateway.token(Role.APPLICANT, STRANGER)) == []
    supervisor = await gateway.graphql(RATINGS, token=gateway.token(Role.SUPERVISOR, "sup", region="64"))
    assert supervisor.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    async with gateway.services.db.reading() as session:
        stored = (await session.execute(text("SELECT comment FROM ratings"))).scalar_one()
    assert "跑了两趟" not in stored  # sealed at rest like other personal data
