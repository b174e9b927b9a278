"""Documents to hand back (the deceased's ID card, licence, cards) are recorded, never required:
方案二“证件注销” cancels on receipt of the death certificate, and the guide takes a lost card
explained or a licence declared void. Papers attached while a clerk reviews the case go out with
its items, so nothing is refused."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.papers import provide_missing, settled
from tests.e2e.test_application_flow import person
from tests.e2e.test_materials import PROOF, approve, held_for_review, item_of
from tests.support.client import GraphQL
from tests.support.processes import Running

pytestmark = pytest.mark.e2e


async def test_papers_attached_while_a_clerk_reviews_go_with_the_items_and_the_id_card_is_recorded_as_returned(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "特定关系人")
    family, case_id = await held_for_review(gateway, graphql, p, p["optionalItems"])
    asked = await provide_missing(family, case_id)
    assert {"DECEASED_ID_CARD_RETURN", "BURIAL_PLACE_STATEMENT", PROOF} <= set(asked)
    await approve(gateway, graphql, p, case_id)

    case = await settled(family, case_id)
    assert case["status"] == "COMPLETED"  # one set of papers, given once: nothing refused
    hukou = item_of(case, "HUKOU_CANCELLATION")
    assert "居民身份证已收回" in hukou["result"]["summary"] and hukou["result"]["data"]["returned"] is True
