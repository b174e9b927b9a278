"""The gateway killed outright while it dispatches: after a restart every item ends as it would have,
and every agency applied each piece of work exactly once."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from adapters.registry import base_urls_under
from tests.faults.conftest import BACKENDS, FAST, database
from tests.faults.flow import approvable, as_expected, settle, submit
from tests.support.agencies import MockAgencies, applications, assert_applied_once
from tests.support.client import GraphQL
from tests.support.processes import ROOT, Running, free_port, gateway_env, running_mocks, start, stop, wait_healthy
from tests.support.waiting import wait_for

pytestmark = pytest.mark.faults
CASES = 12
KILL_AFTER = 10  # applications at the agencies before the kill: well into dispatching, far from done
TOKENS = (
    "import json; from gateway.__main__ import mock_agency_tokens; from gateway.settings import Settings; "
    "print(json.dumps(mock_agency_tokens(Settings())))"
)


@pytest.fixture(params=BACKENDS)
async def database_env(request: pytest.FixtureRequest) -> AsyncIterator[dict[str, str]]:
    async with database(request.param) as env:
        yield env


def separate_mocks_env(data_dir: Path, port: int, mocks_url: str, database_env: dict[str, str]) -> dict[str, str]:
    """The gateway without embedded mocks: the agencies (and their ledger) outlive its death."""
    urls = base_urls_under(mocks_url)
    env = gateway_env(data_dir, port, free_port(), **FAST, **database_env)
    return env | {
        "GATEWAY_SERVE_MOCKS": "false",
        "GATEWAY_AGENCY_BASE_URLS": json.dumps(urls),
    }


def agency_tokens(env: dict[str, str]) -> dict[str, str]:
    """Tokens the mocks call back with, signed as the gateway in `env` signs them."""
    return json.loads(subprocess.check_output([sys.executable, "-c", TOKENS], env=env, cwd=ROOT))  # type: ignore[no-any-return]


@contextmanager
def incarnation(env: dict[str, str], mocks_url: str) -> Iterator[Running]:
    """One life of the gateway process; SIGTERM at the end unless something killed it before."""
    data_dir = Path(env["GATEWAY_DATA_DIR"])
    log = data_dir / "gateway.log"
    process = start(env, log)
    try:
        url = f"http://127.0.0.1:{env['GATEWAY_PORT']}"
        wait_healthy(url, process, log)
        yield Running(url, mocks_url, data_dir, env, process)
    finally:
        stop(process)


async def submit_or_none(admin: GraphQL, person: dict[str, Any], key: str) -> str | None:
    """The case id, or None if the gateway died before it answered."""
    try:
        return (await submit(admin, person, key))["id"]  # type: ignore[no-any-return]
    except (httpx.HTTPError, ValueError):
        return None


async def test_a_gateway_killed_while_dispatching_finishes_every_item_exactly_once(
    tmp_path: Path, database_env: dict[str, str], http: httpx.AsyncClient
) -> None:
    port, data_dir = free_port(), tmp_path / "gateway"
    data_dir.mkdir()
    callback = f"http://127.0.0.1:{port}/graphql"
    with running_mocks(tmp_path / "mocks.log", callback, FAST["GATEWAY_MOCKS_TIME_SCALE"]) as mocks_url:
        agencies = MockAgencies(http, mocks_url)
        env = separate_mocks_env(data_dir, port, mocks_url, database_env)
        people = approvable(await agencies.people())[:CASES]
        keys = [f"crash-{n}" for n in range(len(people))]

        with incarnation(env, mocks_url) as first:
            await agencies.give_tokens(agency_tokens(env))
            admin = GraphQL(http, first.graphql, first.token("admin", "ops-admin"))
            submitting = [asyncio.create_task(submit_or_none(admin, p, k)) for p, k in zip(people, keys, strict=True)]
            at_kill = await wait_for(agencies.ledger, lambda ledger: len(ledger) >= KILL_AFTER, 60, interval=0.02)
            stop(first.process, signal.SIGKILL)
        answered = await asyncio.gather(*submitting)

        with incarnation(env, mocks_url) as second:
            admin = GraphQL(http, second.graphql, second.token("admin", "ops-admin"))
            # a client that got no answer repeats its request with the same key, and gets the same case
            ids = [(await submit(admin, p, k))["id"] for p, k in zip(people, keys, strict=True)]
            assert all(before in (None, after) for before, after in zip(answered, ids, strict=True))
            settled = await settle(admin, ids, within=30)  # the whole crashed batch, from the restart
        ledger = await agencies.ledger()

    assert [c["reference"] for c, p in zip(settled, people, strict=True) if not as_expected(c, p)] == []
    references = [c["reference"] for c in settled]
    assert_applied_once(ledger, references)
    applied = applications(ledger, references)
    answered_items = [
        (c["reference"], i["kind"]) for c in settled for i in c["items"] if i["status"] != "NOT_APPLICABLE"
    ]
    assert all(item in applied for item in answered_items)
    assert len(at_kill) < len(applied), "the kill came after the work was done: nothing was tested"
