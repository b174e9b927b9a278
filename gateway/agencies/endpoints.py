"""Where each agency's system is: endpoints are data (registered, stored), not code."""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from adapters.base import AgencyClient, RetryPolicy
from adapters.breaker import CircuitBreaker
from adapters.errors import AgencyUnavailable
from adapters.kinds import Agency, ItemKind
from adapters.spec import AgencySpec
from gateway.domain.catalogue import definition
from gateway.settings import Settings
from gateway.store.models import EndpointRow


class Endpoints:
    """Routes item kinds to agency base URLs and keeps one circuit breaker per URL."""

    def __init__(self, specs: dict[Agency, AgencySpec], http: httpx.AsyncClient, settings: Settings) -> None:
        self.specs = specs
        self._http = http
        self._settings = settings
        self._policy = RetryPolicy(
            attempts=settings.adapter_attempts,
            max_seconds=settings.adapter_max_seconds,
            initial_wait=settings.adapter_initial_wait,
            max_wait=settings.adapter_max_wait,
        )
        self._breakers: dict[str, CircuitBreaker] = {}
        self._by_kind: dict[ItemKind, str] = {}
        self._by_agency: dict[Agency, str] = {}

    def load(self, rows: Sequence[EndpointRow]) -> None:
        """Later registrations win, kind by kind."""
        by_kind: dict[ItemKind, str] = {}
        by_agency: dict[Agency, str] = {}
        for row in sorted(rows, key=lambda r: (r.registered_at, r.id)):
            by_agency[Agency(row.agency)] = row.base_url
            by_kind.update({ItemKind(kind): row.base_url for kind in row.item_kinds})
        self._by_kind, self._by_agency = by_kind, by_agency

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

    def _client(self, agency: Agency, base_url: str | None) -> AgencyClient:
        if base_url is None or agency not in self.specs:
            raise AgencyUnavailable(agency, "尚未登记接口地址 (no endpoint registered)", attempts=0)
        return AgencyClient(self.specs[agency], base_url, self._http, self.breaker(base_url), self._policy)

    async def probe(self, agency: Agency, base_url: str) -> bool:
        """Health-check an address without following redirects (a redirect could lead anywhere)."""
        if agency not in self.specs:
            return False
        client = AgencyClient(self.specs[agency], base_url, self._http, CircuitBreaker(), self._policy)
        return await client.health()

    def is_open(self, base_url: str) -> bool:
        return self.breaker(base_url).is_open
