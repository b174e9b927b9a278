"""The production topology, for real: PostgreSQL, two gateways without dispatchers, two workers, the
mocks as their own process (scripts/cluster.py). One worker dies mid-dispatch; nothing is lost or
done twice, and a family following its case on the other gateway sees it through."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed

from scripts.cluster import Cluster, running_cluster, stop
from tests.faults.conftest import FAST
from tests.faults.flow import approvable, as_expected, settle, submit
from tests.support.agencies import MockAgencies, applications, assert_applied_once
from tests.support.client import GraphQL
from tests.support.postgres import fresh_database, postgres_url_or_skip
from tests.support.waiting import wait_for
from tests.support.ws import subscribe

pytestmark = [pytest.mark.postgres, pytest.mark.e2e]
CASES = 10
KILL_AFTER = 8  # applications at the agencies before the kill: well into dispatching, far from done
FOLLOW = "subscription($id: ID!) { caseUpdated(caseId: $id) { id status version } }"
SETTLED = {"COMPLETED", "PARTIALLY_COMPLETED"}


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client


@pytest.fixture
async def database_url() -> AsyncIterator[str]:
    async with fresh_database(postgres_url_or_skip()) as url:
        yield url


@pytest.fixture
def cluster(database_url: str, tmp_path: Path) -> Iterator[Cluster]:
    env = FAST  # the default lease: a dead worker's jobs come free within it (the others renew theirs)
    with running_cluster(database_url, tmp_path, time_scale=FAST["GATEWAY_MOCKS_TIME_SCALE"], extra_env=env) as c:
        yield c


async def follow_until_settled(cluster: Cluster, token: str, case_id: str) -> list[str]:
    """The statuses a subscriber on the second gateway is sent, until the case settles."""
    statuses: list[str] = []
    url = cluster.graphql(1).replace("http://", "ws://")
    async with subscribe(url, token, FOLLOW, {"id": case_id}) as updates:
        while not statuses or statuses[-1] not in SETTLED:
            message = await updates.next(within=60)
            assert message["type"] == "next", message
            statuses.append(message["payload"]["data"]["caseUpdated"]["status"])
    return statuses


async def test_every_case_completes_once_across_two_gateways_with_a_worker_killed_mid_dispatch(
    cluster: Cluster, http: httpx.AsyncClient
) -> None:
    agencies = MockAgencies(http, cluster.mocks_url)
    token = cluster.token("admin", "ops-admin")
    on_a, on_b = GraphQL(http, cluster.graphql(0), token), GraphQL(http, cluster.graphql(1), token)
    people = approvable(await agencies.people())[:CASES]

    first = await submit(on_a, people[0], "cluster-0")
    following = asyncio.create_task(follow_until_settled(cluster, token, first["id"]))
    rest = [await submit(on_a, p, f"cluster-{n}") for n, p in enumerate(people[1:], start=1)]
    at_kill = await wait_for(agencies.ledger, lambda ledger: len(ledger) >= KILL_AFTER, 60, interval=0.02)
    stop(cluster.processes["worker-0"], signal.SIGKILL)

    statuses = await asyncio.wait_for(following, 120)
    ids = [first["id"], *(case["id"] for case in rest)]
    settled = await settle(on_b, ids, within=120)
    ledger = await agencies.ledger()

    assert statuses[-1] in SETTLED
    assert [c["reference"] for c, p in zip(settled, people, strict=True) if not as_expected(c, p)] == []
    references = [c["reference"] for c in settled]
    assert_applied_once(ledger, references)
    assert len(at_kill) < len(applications(ledger, references)), "the kill came after the work was done"


async def test_a_gateway_stopped_with_sigterm_closes_its_subscriptions_cleanly(
    cluster: Cluster, http: httpx.AsyncClient
) -> None:
    token = cluster.token("admin", "ops-admin")
    people = approvable(await MockAgencies(http, cluster.mocks_url).people())
    case = await submit(GraphQL(http, cluster.graphql(0), token), people[0], "sigterm-0")
    url = cluster.graphql(1).replace("http://", "ws://")
    async with subscribe(url, token, FOLLOW, {"id": case["id"]}) as updates:
        stop(cluster.processes["serve-1"])
        closed = await closing_code(updates.socket)
    assert closed in {1001, 1012}, f"closed with {closed}"  # going away / service restart, never abnormal
    # uvicorn re-raises the signal once shut down, so a supervisor sees "ended by SIGTERM" after a clean stop
    assert cluster.processes["serve-1"].returncode in {0, -signal.SIGTERM}
    assert "Application shutdown complete" in (cluster.workdir / "serve-1.log").read_text()


async def closing_code(socket: Any) -> int | None:
    try:
        async with asyncio.timeout(20):
            while True:
                await socket.recv()
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None
    return None
