"""One set of materials on the real mocks: an item whose agency needs a paper is refused without
it, with that reason, and completes once the paper is attached and the item resubmitted; a document
to hand back never holds a cancellation up, and its result says whether it came."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.papers import completed_with_papers, provide_missing
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
PDF = "application/pdf"


def item_of(case: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(i for i in case["items"] if i["kind"] == kind)


async def missing_of(family: GraphQL, case_id: str) -> list[str]:
    return (await family(MISSING, {"id": case_id}))["case"]["missingMaterials"]  # type: ignore[no-any-return]


async def held_for_review(
    gateway: Running, graphql: GraphQL, p: dict[str, Any], optional: list[str]
) -> tuple[GraphQL, str]:
    """The 特定关系人's case, waiting for a clerk: nothing has gone to an agency yet."""
    family = applicant_of(gateway, graphql, p)
    form = application_for(p) | {"optionalItems": optional}
    case_id = (await family(SUBMIT, {"input": form}))["submitApplication"]["case"]["id"]
    await status_of(family, case_id, "UNDER_REVIEW")
    return family, case_id


async def approve(gateway: Running, graphql: GraphQL, p: dict[str, Any], case_id: str) -> None:
    clerk = graphql.as_(gateway.token("clerk", "staff-21", "--region", p["householdRegionCode"][:4]))
    assert (await clerk(REVIEW, {"id": case_id, "d": "APPROVE"}))["reviewCase"]["errors"] == []


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
    assert "BURIAL_PLACE_STATEMENT" in await provide_missing(family, case["id"])  # civil affairs' refusal too

    again = (await family(RESUBMIT, {"id": case["id"]}))["resubmitApplication"]
    assert again["errors"] == []
    case = await settled(family, case["id"])
    assert fund_of(case)["status"] == "COMPLETED"
    assert case["status"] == "COMPLETED"


async def test_the_notary_refuses_an_unregistered_heir_without_proof_and_answers_once_it_is_attached(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "特定关系人")
    family, case_id = await held_for_review(gateway, graphql, p, [*p["optionalItems"], "WILL_NOTARY_CHECK"])
    await approve(gateway, graphql, p, case_id)

    case = await settled(family, case_id)
    refused = {i["kind"]: i["rejectionReason"] for i in case["items"] if i["status"] == "REJECTED"}
    # money and answers for an heir the register does not show: the notary's and the bank's alike
    assert set(refused) == {"WILL_NOTARY_CHECK", "SMALL_DEPOSIT_WITHDRAWAL", "BURIAL_CERTIFICATE"}
    assert "关系的证明材料" in refused["WILL_NOTARY_CHECK"] and "关系的证明材料" in refused["SMALL_DEPOSIT_WITHDRAWAL"]
    assert case["status"] == "PARTIALLY_COMPLETED"
    # The clerk's approval let the case go ahead; the paper is still asked for (the register did not show it).
    assert PROOF in await missing_of(family, case_id)

    proof = [("关系证明.pdf", files.pdf("居委会出具的关系证明"), PDF)]
    attached = payload(await attach(family.http, family.token, case_id, PROOF, proof, url=family.url))
    assert attached["errors"] == [] and PROOF not in attached["case"]["missingMaterials"]
    case = await completed_with_papers(family, case_id)  # the burial-place statement as well
    assert item_of(case, "WILL_NOTARY_CHECK")["status"] == "COMPLETED"
    deposits = item_of(case, "SMALL_DEPOSIT_WITHDRAWAL")
    assert deposits["status"] == "COMPLETED" and deposits["result"]["amount"] == "3260.00"
    assert case["status"] == "COMPLETED"


async def test_civil_affairs_refuses_the_grave_use_certificate_without_the_contract_and_issues_it_once_attached(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "医院死亡，火化后入公墓；退休职工")
    family = applicant_of(gateway, graphql, p)
    case = await settled(family, (await submit(family, p))["id"])
    grave = item_of(case, "GRAVE_USE_CERTIFICATE")
    assert grave["status"] == "REJECTED" and "墓位购买（使用）合同" in grave["rejectionReason"]
    assert "GRAVE_CONTRACT" in await missing_of(family, case["id"])
    # the household was cancelled on the death certificate alone: the ID card is recorded as not returned
    hukou = item_of(case, "HUKOU_CANCELLATION")
    assert hukou["status"] == "COMPLETED" and "居民身份证未交回，已作废" in hukou["result"]["summary"]
    assert hukou["result"]["data"]["returned"] is False
    assert "DECEASED_ID_CARD_RETURN" not in await missing_of(family, case["id"])  # done: no longer asked for

    contract = [("墓位合同.pdf", files.pdf("墓位购买合同"), PDF)]
    attached = payload(await attach(family.http, family.token, case["id"], "GRAVE_CONTRACT", contract, url=family.url))
    assert attached["errors"] == [] and "GRAVE_CONTRACT" not in attached["case"]["missingMaterials"]
    assert (await family(RESUBMIT, {"id": case["id"]}))["resubmitApplication"]["errors"] == []
    case = await settled(family, case["id"])
    issued = item_of(case, "GRAVE_USE_CERTIFICATE")
    assert issued["status"] == "COMPLETED" and issued["certificate"]["number"]
    assert case["status"] == "COMPLETED"
