"""Where each agency's system is: endpoints are data (registered, stored), not code."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from adapters.base import AgencyClient, RetryPolicy
from adapters.breaker import CircuitBreaker
from adapters.errors import AgencyUnavailable
from adapters.kinds import Agency, ItemKind
from adapters.spec import AgencySpec
from gateway.domain.catalogue import definition
from gateway.settings import Settings
from gateway.store.models import EndpointRow

# Health checks of an endpoint that keeps failing back off (the check interval, doubling, at most
# an hour apart) and stop after this many in a row: a dead address is not knocked on for ever.
# Registering it again, or a success, starts afresh.
PROBE_BACKOFF_CAP_SECONDS = 3600.0
MAX_PROBE_FAILURES = 16


@dataclass
class ProbeState:
    healthy: bool = True
    failures: int = 0
    due: float = 0.0  # monotonic time of the next real probe
    checked_at: datetime | None = None  # wall-clock time of the last real probe


def retry_policy(settings: Settings) -> RetryPolicy:
    """The quick retries of one call, the same for every agency and the SMS gateway."""
    return RetryPolicy(
        attempts=settings.adapter_attempts,
        max_seconds=settings.adapter_max_seconds,
        initial_wait=settings.adapter_initial_wait,
        max_wait=settings.adapter_max_wait,
    )


class Endpoints:
    """Routes item kinds to agency base URLs and keeps one circuit breaker per URL."""

    def __init__(
        self,
        specs: dict[Agency, AgencySpec],
        http: httpx.AsyncClient,
        settings: Settings,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.specs = specs
        self._monotonic = monotonic
        self._probes: dict[str, ProbeState] = {}
        self._http = http
        self._settings = settings
        self._policy = retry_policy(settings)
        self._breakers: dict[str, CircuitBreaker] = {}
        self.registered = asyncio.Event()  # any endpoint at all: health checks have something to do
        self._by_kind: dict[ItemKind, str] = {}
        self._by_agency: dict[Agency, str] = {}

    def load(self, rows: Sequence[EndpointRow]) -> None:
        """Later registrations win, kind by kind; a disabled endpoint is kept, never routed to."""
        by_kind: dict[ItemKind, str] = {}
        by_agency: dict[Agency, str] = {}
        for row in sorted((r for r in rows if r.enabled), key=lambda r: (r.registered_at, r.id)):
            by_agency[Agency(row.agency)] = row.base_url
            by_kind.update({ItemKind(kind): row.base_url for kind in row.item_kinds})
        self._by_kind, self._by_agency = by_kind, by_agency
        if rows:
            self.registered.set()
        else:
            self.registered.clear()

    def for_kind(self, kind: ItemKind) -> AgencyClient:
        agency = definition(kind).agency
        return self._client(agency, self._by_kind.get(kind) or self._by_agency.get(agency))

    def for_agency(self, agency: Agency) -> AgencyClient:
        return self._client(agency, self._by_agency.get(agency))

    def breaker(self, base_url: str) -> CircuitBreaker:
        url = base_url.rstrip("/")
        if url not in self._breakers:
            self._breakers[url] = CircuitBreaker(
                failure_threshold=self._settings.breaker_failures,
                reset_after_seconds=self._settings.breaker_reset_seconds,
            )
        return self._breakers[url]

    def circuit_states(self) -> dict[Agency, str]:
        """Each routed agency's circuit, the worst of its addresses' (for /metrics, read at scrape)."""
        urls: dict[Agency, set[str]] = {agency: {url} for agency, url in self._by_agency.items()}
        for kind, url in self._by_kind.items():
            urls.setdefault(definition(kind).agency, set()).add(url)
        worst = {"closed": 0, "half_open": 1, "open": 2}
        states = {}
        for agency, addresses in urls.items():
            found = [b.state for u in addresses if (b := self._breakers.get(u.rstrip("/"))) is not None]
            states[agency] = max(found, key=worst.__getitem__, default="closed")
        return states

    def health(self) -> dict[Agency, bool]:
        """Each routed agency's address as its last health check found it (healthy until checked)."""
        return {agency: self._probes.get(url, ProbeState()).healthy for agency, url in self._by_agency.items()}

    def _client(self, agency: Agency, base_url: str | None) -> AgencyClient:
        if base_url is None or agency not in self.specs:
            raise AgencyUnavailable(agency, "尚未登记接口地址 (no endpoint registered)", attempts=0)
        return AgencyClient(self.specs[agency], base_url, self._http, self.breaker(base_url), self._policy)

    async def probe(self, agency: Agency, base_url: str) -> bool:
        """The periodic health check: an address that keeps failing is asked less and less often,
        then not at all (MAX_PROBE_FAILURES); in between, its last answer stands."""
        state = self._probes.setdefault(base_url, ProbeState())
        if self._monotonic() < state.due:
            return state.healthy
        return await self._check(agency, base_url, state)

    async def probe_now(self, agency: Agency, base_url: str) -> bool:
        """A check someone asked for (a registration): always made, and it starts the count afresh."""
        self._probes[base_url] = ProbeState()
        return await self._check(agency, base_url, self._probes[base_url])

    def last_check(self, base_url: str) -> datetime | None:
        state = self._probes.get(base_url)
        return state.checked_at if state else None

    async def _check(self, agency: Agency, base_url: str, state: ProbeState) -> bool:
        """Health-check an address without following redirects (a redirect could lead anywhere)."""
        healthy = False
        if agency in self.specs:
            client = AgencyClient(self.specs[agency], base_url, self._http, CircuitBreaker(), self._policy)
            healthy = await client.health()
        state.healthy, state.checked_at = healthy, datetime.now(UTC)
        state.failures = 0 if healthy else state.failures + 1
        if healthy:
            state.due = 0.0
        elif state.failures >= MAX_PROBE_FAILURES:
            state.due = math.inf
        else:
            wait = self._settings.health_check_seconds * 2 ** (state.failures - 1)
            state.due = self._monotonic() + min(PROBE_BACKOFF_CAP_SECONDS, wait)
        return healthy

    def is_open(self, base_url: str) -> bool:
        return self.breaker(base_url).is_open
