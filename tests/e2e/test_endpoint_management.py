"""Agencies manage where their systems are: an endpoint that is down is refused unless registered
disabled, an agency removes its own endpoint (not another's), and `agencies` shows health and the
last check."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.client import GraphQL
from tests.support.processes import Running, free_port

pytestmark = pytest.mark.e2e
REGISTER = """mutation($input: RegisterAgencyEndpointInput!) { registerAgencyEndpoint(input: $input) {
  endpoint { id agency baseUrl enabled healthy checkedAt itemKinds } errors { field code message } } }"""
REMOVE = "mutation($id: ID!) { removeAgencyEndpoint(id: $id) { endpoint { id } errors { field code message } } }"
AGENCIES = "{ agencies { id agency baseUrl enabled healthy checkedAt } }"
KINDS = ["VETERAN_BENEFIT_SETTLEMENT"]


def veterans(gateway: Running, graphql: GraphQL) -> GraphQL:
    return graphql.as_(gateway.token("agency", "tuiyi-system", "--agency", "VETERANS_AFFAIRS"))


async def register(agency: GraphQL, url: str, **extra: Any) -> dict[str, Any]:
    answer = await agency(
        REGISTER, {"input": {"agency": "VETERANS_AFFAIRS", "baseUrl": url, "itemKinds": KINDS} | extra}
    )
    return answer["registerAgencyEndpoint"]  # type: ignore[no-any-return]


async def test_an_endpoint_that_is_down_is_refused_unless_registered_disabled(
    gateway: Running, graphql: GraphQL, admin: GraphQL
) -> None:
    agency, down = veterans(gateway, graphql), f"http://127.0.0.1:{free_port()}/tuiyi"  # nothing listens there
    refused = await register(agency, down)
    assert refused["endpoint"] is None and [e["code"] for e in refused["errors"]] == ["ENDPOINT_UNHEALTHY"]

    kept = await register(agency, down, disabled=True)
    assert kept["errors"] == [] and kept["endpoint"]["enabled"] is False and kept["endpoint"]["healthy"] is False
    listed = {e["baseUrl"]: e for e in (await admin(AGENCIES))["agencies"]}
    assert listed[down]["checkedAt"] and not listed[down]["enabled"]
    live = listed[f"{gateway.mocks_url}/tuiyi"]
    assert live["enabled"] and live["healthy"], "routing still goes to the live endpoint"
    assert (await agency(REMOVE, {"id": kept["endpoint"]["id"]}))["removeAgencyEndpoint"]["errors"] == []


async def test_an_agency_removes_its_own_endpoint_and_not_another_s(
    gateway: Running, graphql: GraphQL, admin: GraphQL
) -> None:
    agency = veterans(gateway, graphql)
    spare = (await register(agency, f"http://127.0.0.1:{free_port()}/tuiyi", disabled=True))["endpoint"]
    other = graphql.as_(gateway.token("agency", "hrss-system", "--agency", "HRSS"))
    refused = (await other(REMOVE, {"id": spare["id"]}))["removeAgencyEndpoint"]
    assert [e["code"] for e in refused["errors"]] == ["NOT_FOUND"], "answered like a missing one"

    removed = (await agency(REMOVE, {"id": spare["id"]}))["removeAgencyEndpoint"]
    assert removed["errors"] == [] and removed["endpoint"]["id"] == spare["id"]
    assert spare["id"] not in {e["id"] for e in (await admin(AGENCIES))["agencies"]}
