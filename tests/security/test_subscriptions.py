"""`caseUpdated` follows the same matrix as `case`: only those who may see a case may follow it."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from gateway.cases.timeline import touch
from gateway.security.tokens import principal_from_token
from schema import build_schema
from schema.context import Context
from tests.security.world import INVALID, World

SUBSCRIBE = "subscription($id: ID!) { caseUpdated(caseId: $id) { id version } }"
SEES_CASE_A = {"applicant_1", "clerk_here", "agency_owning", "admin"}
VALID = ("applicant_1", "applicant_2", "clerk_here", "clerk_elsewhere", "agency_owning", "agency_other", "admin")


async def first_message(world: World, caller: str | None) -> Any:
    token = world.tokens[caller] if caller else None
    principal = principal_from_token(world.services.settings, token) if token else None
    context = Context(services=world.services, principal=principal, request_id=f"sub-{caller}")
    gid = world.gid("Case", world.case_a.id)
    stream = await build_schema().subscribe(SUBSCRIBE, variable_values={"id": gid}, context_value=context)
    receiving = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0.05)  # let it subscribe before the change
    async with world.services.db.writing() as session:
        case = await session.get(type(world.case_a), world.case_a.seq)
        assert case is not None
        touch(session, case, case.updated_at)
    try:
        return await asyncio.wait_for(receiving, 5)
    finally:
        await stream.aclose()


@pytest.mark.parametrize("caller", [*VALID, "anonymous"])
async def test_case_updated_only_for_those_who_see_the_case(world: World, caller: str) -> None:
    result = await first_message(world, None if caller == "anonymous" else caller)
    if caller in SEES_CASE_A:
        assert result.errors is None and result.data["caseUpdated"]["id"] == world.gid("Case", world.case_a.id)
    else:
        assert result.errors and result.errors[0].extensions["code"] in ("FORBIDDEN", "UNAUTHENTICATED")


@pytest.mark.parametrize("caller", INVALID)
async def test_invalid_tokens_never_become_a_principal(world: World, caller: str) -> None:
    from gateway.errors import Unauthenticated

    with pytest.raises(Unauthenticated):
        principal_from_token(world.services.settings, world.tokens[caller] or "")
