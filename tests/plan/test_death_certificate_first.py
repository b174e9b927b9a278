"""Nothing goes out before a death certificate is issued; when none can be, a clerk looks at the case."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.papers import provide_missing
from tests.e2e.test_application_flow import applicant_of, person, settled
from tests.e2e.test_review_and_withdrawal import REVIEW, status_of
from tests.support.client import RESUBMIT, SUBMIT, GraphQL, application_for
from tests.support.processes import Running
from tests.support.waiting import wait_for

pytestmark = pytest.mark.e2e
TIMELINE = "query($id: ID!) { case(id: $id) { status timeline { type message } } }"


async def sent_for(http: httpx.AsyncClient, gateway: Running, reference: str) -> dict[str, Any]:
    keys: dict[str, Any] = (await http.get(f"{gateway.mocks_url}/admin/ledger")).json()["keys"]
    return {k: v for k, v in keys.items() if k.startswith(f"{reference}:")}


async def test_a_traffic_death_entered_as_normal_waits_for_a_clerk_and_sends_nothing_until_corrected(
    gateway: Running, graphql: GraphQL, http: httpx.AsyncClient, people: list[dict[str, Any]]
) -> None:
    p = person(people, "交通事故非正常死亡，家属到派出所开具非正常死亡证明")
    family = applicant_of(gateway, graphql, p)
    form = application_for(p)
    form["deceased"] |= {"deathType": "NORMAL"}
    submitted = (await family(SUBMIT, {"input": form}))["submitApplication"]
    assert submitted["errors"] == []
    case = await status_of(family, submitted["case"]["id"], "UNDER_REVIEW")
    assert "没有逝者的死亡记录" in case["timeline"][-1]["message"]
    assert await sent_for(http, gateway, case["reference"]) == {}

    # A clerk who lets it through anyway: the health agency has no record, and the case comes back.
    clerk = graphql.as_(gateway.token("clerk", "staff-03", "--region", p["householdRegionCode"][:4]))
    approved = (await clerk(REVIEW, {"id": case["id"], "d": "APPROVE"}))["reviewCase"]
    assert approved["errors"] == []

    async def back() -> dict[str, Any]:
        return (await family(TIMELINE, {"id": case["id"]}))["case"]  # type: ignore[no-any-return]

    def review_after_approval(c: dict[str, Any]) -> dict[str, Any] | None:
        """The review the case came back to, once back: the family's SMS notice may land after it."""
        types = [e["type"] for e in c["timeline"]]
        approved_at = types.index("APPROVED") if "APPROVED" in types else len(types)
        later = [e for e in c["timeline"][approved_at:] if e["type"] == "UNDER_REVIEW"]
        return later[-1] if c["status"] == "UNDER_REVIEW" and later else None

    again = await wait_for(back, lambda c: review_after_approval(c) is not None, within=30)
    review = review_after_approval(again)
    assert review is not None and "未能取得死亡证明" in review["message"]
    sent = await sent_for(http, gateway, case["reference"])
    assert {v["kind"] for v in sent.values()} == {"MEDICAL_DEATH_CERTIFICATE"}

    refused = (await clerk(REVIEW, {"id": case["id"], "d": "APPROVE"}))["reviewCase"]
    assert refused["errors"][0]["code"] == "DEATH_CERTIFICATE_UNAVAILABLE"
    reason = "逝者系交通事故死亡，请将死亡类型更正为非正常死亡"
    returned = (await clerk(REVIEW, {"id": case["id"], "d": "RETURN", "r": reason}))["reviewCase"]
    assert returned["case"]["status"] == "RETURNED"

    assert "HOUSING_FUND_SEALING_CERTIFICATE" in await provide_missing(family, case["id"])  # with the correction
    corrected = {"deceased": application_for(p)["deceased"]}
    resubmitted = (await family(RESUBMIT, {"id": case["id"], "c": corrected}))["resubmitApplication"]
    assert resubmitted["errors"] == []
    done = await settled(family, case["id"])
    assert done["status"] == "COMPLETED"
    assert "ABNORMAL_DEATH_CERTIFICATE" in {c["kind"] for c in done["certificates"]}
    medical = next(i for i in done["items"] if i["kind"] == "MEDICAL_DEATH_CERTIFICATE")
    assert medical["status"] == "NOT_APPLICABLE"
