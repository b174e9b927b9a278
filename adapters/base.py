"""An agency's client: its spec's calls under the one transport policy (`adapters.transport`).

Transient faults are retried there; here the agency's answers are read. A 4xx is an answer, never
retried. Mapping errors in an agency module become `AgencyBadAnswer`, so a malformed body can never
crash the caller.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from adapters.breaker import CircuitBreaker
from adapters.contract import ItemRequest, Outcome, Records, Rejected
from adapters.errors import AgencyBadAnswer, AgencyUnavailable, CircuitOpen
from adapters.kinds import ItemKind
from adapters.spec import AgencySpec, Call
from adapters.transport import Cooling, RetryPolicy, Transport, Unreachable

__all__ = ["AgencyClient", "RetryPolicy"]

T = TypeVar("T")
_MAPPING_ERRORS = (KeyError, ValueError, TypeError, AttributeError, IndexError, decimal.InvalidOperation)


class AgencyClient:
    """Calls one agency at one base URL on behalf of the dispatcher and the resolvers."""

    def __init__(
        self,
        spec: AgencySpec,
        base_url: str,
        http: httpx.AsyncClient,
        breaker: CircuitBreaker,
        policy: RetryPolicy,
    ) -> None:
        self.spec = spec
        self._transport = Transport(spec.AGENCY.value, base_url, http, breaker, policy, spec.TIMEOUT_SECONDS)
        self.base_url = self._transport.base_url
        self.breaker = breaker

    async def records(self, id_number: str) -> Records:
        response = await self._send(self.spec.records_call(id_number), key=None)
        if response.status_code == 404:
            return Records(agency=self.spec.AGENCY, found=False, facts=frozenset())
        self._refuse_other_4xx(response)
        body = self._json(response)
        return self._map(lambda: self.spec.records(body))

    async def submit(self, request: ItemRequest, *, force: bool = False) -> Outcome:
        """`force`: a person asked to send now, so an open circuit does not hold this one call back."""
        response = await self._send(self.spec.submit_call(request), key=request.idempotency_key, force=force)
        body = self._json(response)
        if response.is_client_error:
            return Rejected(reason=self._map(lambda: self.spec.refusal_reason(body)))
        return self._map(lambda: self.spec.submit_outcome(request, body))

    async def status(self, kind: ItemKind, reference: str, *, force: bool = False) -> Outcome:
        response = await self._send(self.spec.status_call(kind, reference), key=None, force=force)
        self._refuse_other_4xx(response)
        body = self._json(response)
        return self._map(lambda: self.spec.status_outcome(kind, body))

    def map_status_body(self, kind: ItemKind, body: Any) -> Outcome:
        """Read a body the agency pushed to us (a call-back) exactly as if we had polled it."""
        return self._map(lambda: self.spec.status_outcome(kind, body))

    async def health(self) -> bool:
        return await self._transport.health()

    async def _send(self, call: Call, key: str | None, force: bool = False) -> httpx.Response:
        try:
            return await self._transport.send(call, key, force)
        except Cooling as cooling:
            raise CircuitOpen(self.spec.AGENCY, cooling.retry_in_seconds) from None
        except Unreachable as fault:
            raise AgencyUnavailable(
                self.spec.AGENCY, fault.detail, attempts=fault.attempts, status_code=fault.status_code
            ) from None

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            raise AgencyBadAnswer(
                self.spec.AGENCY, "应答不是有效的 JSON (malformed body)", response.status_code
            ) from None

    def _refuse_other_4xx(self, response: httpx.Response) -> None:
        if response.is_client_error:
            raise AgencyBadAnswer(self.spec.AGENCY, f"应答异常 (HTTP {response.status_code})", response.status_code)

    def _map(self, mapping: Callable[[], T]) -> T:
        try:
            return mapping()
        except _MAPPING_ERRORS as exc:
            raise AgencyBadAnswer(
                self.spec.AGENCY, f"应答字段无法识别 (unreadable field: {type(exc).__name__}: {exc})"
            ) from None
