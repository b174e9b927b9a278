"""Found by scripts/soak.py: a second case for a deceased, where an operator allows one."""

from __future__ import annotations

from typing import Any

import pytest

from tests.faults.flow import SETTLED_CASE, as_expected, cases, ordinary, settle, submit
from tests.support.agencies import MockAgencies
from tests.support.client import GraphQL
from tests.support.waiting import wait_for

pytestmark = pytest.mark.faults


@pytest.fixture
def settings_env() -> dict[str, str]:
    return {"GATEWAY_ONE_CASE_PER_DECEASED": "false"}  # by default a second case is refused outright


def broken_items(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in case["items"] if "internal error" in (i["lastError"] or "")]


async def test_a_new_case_for_someone_whose_first_case_closed_gets_the_same_death_certificate(
    admin: GraphQL, agencies: MockAgencies
) -> None:
    person = ordinary(await agencies.people())[0]
    (first,) = await settle(admin, [(await submit(admin, person))["id"]], within=60)
    second_id = (await submit(admin, person))["id"]

    (second,) = await wait_for(
        lambda: cases(admin, [second_id]), lambda cs: cs[0]["status"] in SETTLED_CASE or bool(broken_items(cs[0])), 60
    )

    assert broken_items(second) == []
    assert as_expected(first, person) and as_expected(second, person)
    assert {c["number"] for c in second["certificates"]} & {c["number"] for c in first["certificates"]}
