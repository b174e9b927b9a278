"""One set of materials on the real mocks: an item whose agency needs a paper is refused without
it, with that reason, and completes once the paper is attached and the item resubmitted."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_application_flow import applicant_of, person, settled, submit
from tests.e2e.test_review_and_withdrawal import REVIEW, status_of
from tests.support import files
from tests.support.client import RESUBMIT, SUBMIT, GraphQL, application_for
from tests.support.processes import Running
from tests.support.uploads import attach, payload

pytestmark = pytest.mark.e2e
SEALING = "HOUSING_FUND_SEALING_CERTIFICATE"
PROOF = "RELATIONSHIP_PROOF"
MISSING = "query($id: ID!) { case(id: $id) { missingMaterials materials { kind contentType } } }"


def fund_of(case: dict[str, Any]) -> dict[str, Any]:
    return next(i for i in case["items"] if i["kind"] == "HOUSING_FUND_WITHDRAWAL")


async def test_the_housing_fund_refuses_without_the_sealing_certificate_and_pays_once_it_is_attached(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "青年在职职工医院死亡，未成年子女领取遗属待遇，公积金已封存")
    family = applicant_of(gateway, graphql, p)
    case = await settled(family, (await submit(family, p))["id"])
    refused = fund_of(case)
    assert refused["status"] == "REJECTED" and "封存证明" in refused["rejectionReason"]
    missing = (await family(MISSING, {"id": case["id"]}))["case"]["missingMaterials"]
    assert SEALING in missing and PROOF not in missing  # the register showed this family's relationship

    sealing = [("封存证明.pdf", files.pdf(), "application/pdf")]
    attached = payload(await attach(family.http, family.token, case["id"], SEALING, sealing, url=family.url))
    assert attached["errors"] == [] and SEALING not in attached["case"]["missingMaterials"]

    again = (await family(RESUBMIT, {"id": case["id"]}))["resubmitApplication"]
    assert again["errors"] == []
    case = await settled(family, case["id"])
    assert fund_of(case)["status"] == "COMPLETED"
    assert case["status"] == "COMPLETED"


async def test_the_notary_refuses_an_unregistered_heir_without_proof_and_answers_once_it_is_attached(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "特定关系人")
    family = applicant_of(gateway, graphql, p)
    form = application_for(p) | {"optionalItems": [*(p["optionalItems"] or []), "WILL_NOTARY_CHECK"]}
    case_id = (await family(SUBMIT, {"input": form}))["submitApplication"]["case"]["id"]
    await status_of(family, case_id, "UNDER_REVIEW")
    clerk = graphql.as_(gateway.token("clerk", "staff-21", "--region", p["householdRegionCode"][:4]))
    assert (await clerk(REVIEW, {"id": case_id, "d": "APPROVE"}))["reviewCase"]["errors"] == []

    case = await settled(family, case_id)
    notary = next(i for i in case["items"] if i["kind"] == "WILL_NOTARY_CHECK")
    assert notary["status"] == "REJECTED" and "关系的证明材料" in notary["rejectionReason"]
    assert case["status"] == "PARTIALLY_COMPLETED"
    # The clerk's approval let the case go ahead; the paper is still asked for (the register did not show it).
    assert PROOF in (await family(MISSING, {"id": case_id}))["case"]["missingMaterials"]

    proof = [("关系证明.pdf", files.pdf("居委会出具的关系证明"), "application/pdf")]
    attached = payload(await attach(family.http, family.token, case_id, PROOF, proof, url=family.url))
    assert attached["errors"] == [] and PROOF not in attached["case"]["missingMaterials"]
    assert (await family(RESUBMIT, {"id": case_id}))["resubmitApplication"]["errors"] == []
    case = await settled(family, case_id)
    assert next(i for i in case["items"] if i["kind"] == "WILL_NOTARY_CHECK")["status"] == "COMPLETED"
    assert case["status"] == "COMPLETED"
