"""Sensitive fields: masked for everyone, in full only for the agency that needs them and admins."""

from __future__ import annotations

from typing import Any

from adapters.kinds import Agency
from gateway.domain.catalogue import kinds_of
from gateway.security.tokens import Role, issue_token
from tests.security.world import ACCOUNT_A, APPLICANT_1, DECEASED_A, PHONE_A, World

QUERY = """query($id: ID!) { case(id: $id) {
  deceased { idNumber idNumberMasked } applicant { idNumber idNumberMasked phone phoneMasked }
  payoutAccount { accountNumber accountNumberMasked } reviewNote
  items { agency } timeline { itemKind } progress { total }
} }"""


async def case_a_as(world: World, caller: str) -> dict[str, Any]:
    body = await world.ask(caller, QUERY, {"id": world.gid("Case", world.case_a.id)})
    assert not body.get("errors"), body
    case: dict[str, Any] = body["data"]["case"]
    return case


def full_values(case: dict[str, Any]) -> tuple[Any, Any, Any, Any]:
    a = case["applicant"]
    return case["deceased"]["idNumber"], a["idNumber"], a["phone"], case["payoutAccount"]["accountNumber"]


async def test_masks_are_always_there_and_hide_the_middle(world: World) -> None:
    case = await case_a_as(world, "applicant_1")
    assert case["deceased"]["idNumberMasked"] == "640104********0515"
    assert case["applicant"]["phoneMasked"] == "139****1870"
    assert case["payoutAccount"]["accountNumberMasked"] == "6247 **** **** 3677"


async def test_family_and_clerks_see_masks_only(world: World) -> None:
    for caller in ("applicant_1", "clerk_here"):
        assert full_values(await case_a_as(world, caller)) == (None, None, None, None), caller


async def test_paying_agency_sees_what_it_needs_to_pay(world: World) -> None:
    assert full_values(await case_a_as(world, "agency_owning")) == (DECEASED_A, APPLICANT_1, PHONE_A, ACCOUNT_A)


async def test_agency_that_pays_nothing_sees_identity_but_not_the_account(world: World) -> None:
    world.tokens["health"] = issue_token(world.services.settings, Role.AGENCY, "health", agency=Agency.HEALTH)
    assert full_values(await case_a_as(world, "health")) == (DECEASED_A, APPLICANT_1, PHONE_A, None)


async def test_admin_sees_everything(world: World) -> None:
    assert full_values(await case_a_as(world, "admin")) == (DECEASED_A, APPLICANT_1, PHONE_A, ACCOUNT_A)


async def test_agency_sees_its_own_items_events_and_progress_but_no_review_note(world: World) -> None:
    case = await case_a_as(world, "agency_owning")
    assert {i["agency"] for i in case["items"]} == {"HRSS"}
    assert {e["itemKind"] for e in case["timeline"]} <= {k.value for k in kinds_of(Agency.HRSS)}
    assert case["progress"]["total"] == len(case["items"])
    assert case["reviewNote"] is None


async def test_family_sees_every_item_and_the_review_note(world: World) -> None:
    case = await case_a_as(world, "applicant_1")
    assert len(case["items"]) > 1 and case["reviewNote"] == "窗口备注：材料齐全"


async def test_agency_sees_only_its_own_endpoints(world: World) -> None:
    query = """mutation { registerAgencyEndpoint(input: {agency: JUSTICE, baseUrl: "http://127.0.0.1:9/justice",
      itemKinds: [WILL_NOTARY_CHECK], disabled: true}) { errors { code } } }"""
    assert (await world.ask("admin", query))["data"]["registerAgencyEndpoint"]["errors"] == []
    seen = await world.ask("agency_owning", "{ agencies { agency } }")
    assert seen["data"]["agencies"] == []
    assert [a["agency"] for a in (await world.ask("agency_other", "{ agencies { agency } }"))["data"]["agencies"]] == [
        "JUSTICE"
    ]
