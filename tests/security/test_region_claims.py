"""A clerk's region becomes a prefix match: `%` or `_` in it must neither widen it nor pass the token check."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from gateway.security.policy import visible_cases, visible_home_deaths
from gateway.security.tokens import Principal, Role, issue_token
from gateway.store.family_rows import HomeDeathReportRow
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


@pytest.mark.parametrize("region", [None, "6%", "64__", "６４"])
async def test_a_committee_token_without_a_plain_region_is_refused(world: World, region: str | None) -> None:
    token = issue_token(world.services.settings, Role.COMMITTEE, "committee-09", region=region)
    response = await world.gateway.graphql("{ homeDeathReports { id } }", token=token)
    assert response.status_code == 401


async def test_a_committee_region_with_a_wildcard_would_reach_no_report(world: World) -> None:
    report = HomeDeathReportRow(
        id="r-1", status="REPORTED", region_code="640104", deceased_name="马德福", deceased_id_number="640104194803120515",
        death_date=date(2026, 11, 20), death_place="家中", committee_name="丽景社区居委会", contact_name="马丽",
        contact_id_number="640104197506220337", contact_phone="13954121870", reported_by="committee:c",
        reported_at=datetime(2026, 11, 20, tzinfo=UTC),
    )  # fmt: skip
    async with world.services.db.writing() as session:
        session.add(report)
    keyring = world.services.db.keyring
    for region, reached in (("6%", []), ("64", ["r-1"])):
        committee = Principal(Role.COMMITTEE, "committee-09", region)
        query = select(HomeDeathReportRow.id).where(visible_home_deaths(committee, keyring))
        async with world.services.db.reading() as session:
            assert list(await session.scalars(query)) == reached
