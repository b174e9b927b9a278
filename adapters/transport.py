"""The one transport policy every outgoing call goes through, to an agency or to the SMS gateway.

Per call: the circuit breaker of the address, a timeout, a few quick tenacity retries for transient
faults (connect errors, timeouts, 5xx, 429 honouring Retry-After) and the caller's idempotency key on
every try. A 4xx is an answer, never retried: the caller reads it. The callers turn `Unreachable` and
`Cooling` into their own errors, so nothing above `adapters/` sees an httpx exception.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from adapters.spec import Call
from adapters.telemetry import counted_call, outcome_of
from adapters.tracing import agency_request_span


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3
    max_seconds: float = 10.0
    initial_wait: float = 0.2
    max_wait: float = 2.0
    max_retry_after: float = 5.0


class Unreachable(Exception):
    """Transient faults outlasted the quick retries (or the circuit refused: `Cooling`)."""

    def __init__(self, detail: str, attempts: int, status_code: int | None = None) -> None:
        super().__init__(detail)
        self.detail, self.attempts, self.status_code = detail, attempts, status_code


class Cooling(Unreachable):
    """The breaker of this address is open: nothing was sent."""

    def __init__(self, retry_in_seconds: float) -> None:
        super().__init__(f"熔断中，{retry_in_seconds:.0f} 秒后再试 (circuit open)", attempts=0)
        self.retry_in_seconds = retry_in_seconds


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


class Transport:
    """Sends calls to one base URL under the policy; `name` labels metrics and trace spans."""

    def __init__(
        self,
        name: str,
        base_url: str,
        http: httpx.AsyncClient,
        breaker: CircuitBreaker,
        policy: RetryPolicy,
        timeout_seconds: float,
    ) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        self.breaker = breaker
        self._http = http
        self._policy = policy
        self._timeout = timeout_seconds
        self._backoff = wait_exponential(multiplier=policy.initial_wait, max=policy.max_wait) + wait_random(
            0, policy.initial_wait
        )

    async def send(self, call: Call, key: str | None, force: bool = False) -> httpx.Response:
        """`force`: a person asked to send now, so an open circuit does not hold this one call back."""
        if not self.breaker.allow() and not force:
            raise Cooling(self.breaker.retry_in())
        try:
            response = await self._with_retries(call, key)
        except _Transient as fault:
            self.breaker.record_failure()
            raise Unreachable(fault.detail, attempts=self._policy.attempts, status_code=fault.status_code) from None
        self.breaker.record_success()
        return response

    async def health(self) -> bool:
        try:
            response = await self._http.get(f"{self.base_url}/health", timeout=self._timeout)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

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
            agency_request_span(self.name, call.method, self.base_url, headers) as span,
            counted_call(self.name, attempt) as tally,
        ):
            try:
                response = await self._http.request(
                    call.method,
                    f"{self.base_url}{call.path}",
                    json=call.json,
                    params=call.params,
                    headers=headers,
                    timeout=self._timeout,
                )
            except httpx.TimeoutException:
                tally.outcome = "timeout"
                raise _Transient(f"{self._timeout:g} 秒内未应答 (timeout)") from None
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
