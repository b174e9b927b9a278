"""Errors raised by the adapters. Nothing above `adapters/` sees an httpx exception.

    AdapterError                  an agency call did not yield an answer (agency, detail)
     ├── AgencyUnavailable        transient faults outlasted the quick retries (attempts, status_code)
     │    └── CircuitOpen         the breaker for that endpoint refused to call at all
     └── AgencyBadAnswer          the agency answered, but not in a form we understand

A business refusal (a 4xx with a reason) is not an error: it is a `Rejected` outcome.
"""

from __future__ import annotations

from adapters.kinds import Agency


class AdapterError(Exception):
    def __init__(self, agency: Agency, detail: str) -> None:
        super().__init__(f"{agency.value}: {detail}")
        self.agency = agency
        self.detail = detail


class AgencyUnavailable(AdapterError):
    def __init__(self, agency: Agency, detail: str, attempts: int = 1, status_code: int | None = None) -> None:
        super().__init__(agency, detail)
        self.attempts = attempts
        self.status_code = status_code


class CircuitOpen(AgencyUnavailable):
    def __init__(self, agency: Agency, retry_in_seconds: float) -> None:
        super().__init__(agency, f"熔断中，{retry_in_seconds:.0f} 秒后再试 (circuit open)", attempts=0)
        self.retry_in_seconds = retry_in_seconds


class AgencyBadAnswer(AdapterError):
    def __init__(self, agency: Agency, detail: str, status_code: int | None = None) -> None:
        super().__init__(agency, detail)
        self.status_code = status_code
