"""The mock agencies' admin API as tests use it: stage faults, read the ledger and the traffic."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

import httpx
from asgi_lifespan import LifespanManager

from mocks.app import create_app as create_mocks
from mocks.config import MockConfig
from mocks.registration import agency_modules

IN_PROCESS = "http://agencies.test"


@asynccontextmanager
async def agencies_in_process() -> AsyncIterator[httpx.AsyncClient]:
    """The real mock agencies in this process, answering at once; pass it as a gateway's `agencies`."""
    async with (
        LifespanManager(create_mocks(MockConfig(time_scale=0.02, latency_ms=(0, 2)))) as mocks,
        httpx.AsyncClient(transport=httpx.ASGITransport(mocks.app), base_url=IN_PROCESS) as http,
    ):
        yield http


def in_process_urls() -> dict[str, str]:
    """`agency_base_urls` for a gateway whose agency calls go to `agencies_in_process`."""
    return {m.AGENCY: f"{IN_PROCESS}/{m.SLUG}" for m in agency_modules()}


class MockAgencies:
    def __init__(self, http: httpx.AsyncClient, url: str) -> None:
        self.http, self.url = http, url

    async def fault(self, agency: str, **fault: object) -> None:
        response = await self.http.put(f"{self.url}/admin/faults/{agency}", json=fault)
        assert response.status_code == 200, response.text

    async def clear(self, agency: str) -> None:
        assert (await self.http.delete(f"{self.url}/admin/faults/{agency}")).status_code == 204

    async def people(self) -> list[dict[str, Any]]:
        return (await self.http.get(f"{self.url}/people")).json()  # type: ignore[no-any-return]

    async def ledger(self) -> dict[str, dict[str, Any]]:
        return (await self.http.get(f"{self.url}/admin/ledger")).json()["keys"]  # type: ignore[no-any-return]

    async def calls(self, agency: str) -> int:
        traffic = (await self.http.get(f"{self.url}/admin/requests")).json()
        return int(traffic["agencies"].get(agency, 0))

    async def calls_with_key(self, key: str) -> int:
        traffic = (await self.http.get(f"{self.url}/admin/requests")).json()
        return int(traffic["keys"].get(key, 0))

    async def give_tokens(self, tokens: dict[str, str]) -> None:
        assert (await self.http.post(f"{self.url}/admin/tokens", json=tokens)).status_code == 200


def applications(ledger: dict[str, dict[str, Any]], references: Iterable[str]) -> dict[tuple[str, str], list[str]]:
    """The idempotency keys each item was applied under, by (case reference, item kind).

    The gateway's key is `{reference}:{kind}:g{generation}`: one item of one case applied under two
    keys without a resubmission would be the same work done twice.
    """
    wanted = set(references)
    keys: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, entry in ledger.items():
        reference = key.split(":", 1)[0]
        if reference in wanted:
            keys[(reference, entry["kind"])].append(key)
    return dict(keys)


def assert_applied_once(ledger: dict[str, dict[str, Any]], references: Iterable[str]) -> None:
    """Every key applied exactly once, and no item applied under a second key."""
    for (reference, kind), keys in applications(ledger, references).items():
        assert len(keys) == 1, f"{reference} {kind} applied under {keys}"
        assert ledger[keys[0]]["applied"] == 1, ledger[keys[0]]
