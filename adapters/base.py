"""The one transport policy every agency call goes through.

Per call: the circuit breaker of the endpoint, a per-agency timeout, a few quick tenacity retries
for transient faults (connect errors, timeouts, 5xx, 429 honouring Retry-After) and the item's
idempotency key on every try. A 4xx is an answer, never retried. Mapping errors in an agency
module become `AgencyBadAnswer`, so a malformed body can never crash the caller.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential,
    wait_random,
)

from adapters.breaker import CircuitBreaker
from adapters.contract import ItemRequest, Outcome, Records, Rejected
from adapters.errors import AgencyBadAnswer, AgencyUnavailable, CircuitOpen
from adapters.kinds import ItemKind
from adapters.spec import AgencySpec, Call
from adapters.telemetry import counted_call, outcome_of
from adapters.tracing import agency_request_span

T = TypeVar("T")
_MAPPING_ERRORS = (KeyError, ValueError, TypeError, AttributeError, IndexError, decimal.InvalidOperation)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3
    max_seconds: float = 10.0
    initial_wait: float = 0.2
    max_wait: float = 2.0
    max_retry_after: float = 5.0


class _Transient(Exception):
    def __init__(self, detail: str, status_code: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.status_code = status_code
        self.retry_after = retry_after


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None


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
        self.base_url = base_url.rstrip("/")
        self.breaker = breaker
        self._http = http
        self._policy = policy
        self._backoff = wait_exponential(multiplier=policy.initial_wait, max=policy.max_wait) + wait_random(
            0, policy.initial_wait
        )

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
        try:
            response = await self._http.get(f"{self.base_url}/health", timeout=self.spec.TIMEOUT_SECONDS)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    async def _send(self, call: Call, key: str | None, force: bool = False) -> httpx.Response:
        if not self.breaker.allow() and not force:
            raise CircuitOpen(self.spec.AGENCY, self.breaker.retry_in())
        try:
            response = await self._with_retries(call, key)
        except _Transient as fault:
            self.breaker.record_failure()
            raise AgencyUnavailable(
                self.spec.AGENCY, fault.detail, attempts=self._policy.attempts, status_code=fault.status_code
            ) from None
        self.breaker.record_success()
        return response

    async def _with_retries(self, call: Call, key: str | None) -> httpx.Response:
        policy = self._policy
        retrying = AsyncRetrying(
            stop=stop_after_attempt(policy.attempts) | stop_after_delay(policy.max_seconds),
            wait=self._wait,
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await self._try_once(call, key, attempt.retry_state.attempt_number)
        raise AssertionError("unreachable: tenacity reraises")  # pragma: no cover

    def _wait(self, state: RetryCallState) -> float:
        fault = state.outcome.exception() if state.outcome else None
        if isinstance(fault, _Transient) and fault.retry_after is not None:
            return min(fault.retry_after, self._policy.max_retry_after)
        return float(self._backoff(state))

    async def _try_once(self, call: Call, key: str | None, attempt: int) -> httpx.Response:
        headers = {"Idempotency-Key": key} if key else {}
        with (
            agency_request_span(self.spec.AGENCY.value, call.method, self.base_url, headers) as span,
            counted_call(self.spec.AGENCY.value, attempt) as tally,
        ):
            try:
                response = await self._http.request(
                    call.method,
                    f"{self.base_url}{call.path}",
                    json=call.json,
                    params=call.params,
                    headers=headers,
                    timeout=self.spec.TIMEOUT_SECONDS,
                )
            except httpx.TimeoutException:
                tally.outcome = "timeout"
                raise _Transient(f"{self.spec.TIMEOUT_SECONDS:g} 秒内未应答 (timeout)") from None
            except httpx.TransportError as exc:
                tally.outcome = "connection_failed"
                raise _Transient(f"无法连接 (connection failed: {type(exc).__name__})") from None
            tally.outcome = outcome_of(response.status_code)
            span.set_attribute("http.response.status_code", response.status_code)
            if response.status_code == 429:
                raise _Transient("请求过多 (429)", 429, _retry_after(response))
            if response.is_server_error:
                raise _Transient(f"服务异常 (HTTP {response.status_code})", response.status_code)
            return response

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
