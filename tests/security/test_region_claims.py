"""A clerk's region becomes a prefix match: `%` or `_` in it must neither widen it nor pass the token check."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from gateway.security.policy import visible_cases
from gateway.security.tokens import Principal, Role, issue_token
from gateway.store.models import CaseRow
from tests.security.world import World

COUNT = "{ cases(first: 10) { totalCount } }"
STATISTICS = '{ statistics(from: "2026-11-01", to: "2026-11-30", groupBy: REGION) { key } }'


@pytest.mark.parametrize("region", ["6%", "64%", "_", "6_", "64__", "６４"])
async def test_a_clerk_token_with_a_wildcard_region_is_refused(world: World, region: str) -> None:
    token = issue_token(world.services.settings, Role.CLERK, "staff-09", region=region)
    response = await world.gateway.graphql(COUNT, token=token)
    assert response.status_code == 401


@pytest.mark.parametrize("region", [None, "6%", "_", "640"])
async def test_a_supervisor_token_without_a_plain_region_prefix_is_refused(world: World, region: str | None) -> None:
    """A supervisor without a region would count every region's figures."""
    token = issue_token(world.services.settings, Role.SUPERVISOR, "supervisor-1", region=region)
    response = await world.gateway.graphql(STATISTICS, token=token)
    assert response.status_code == 401


@pytest.mark.parametrize("region", ["6%", "%", "_", "64__"])
async def test_a_wildcard_region_that_got_past_the_token_check_would_match_nothing(world: World, region: str) -> None:
    """Defence in depth: the LIKE built from a region escapes its wildcards."""
    clerk = Principal(Role.CLERK, "staff-09", region)
    query = select(CaseRow.id).where(visible_cases(clerk, world.services.db.keyring))
    async with world.services.db.reading() as session:
        assert list(await session.scalars(query)) == []
