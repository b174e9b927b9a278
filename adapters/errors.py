"""Errors raised by the adapters. Nothing above `adapters/` sees an httpx exception.

    AdapterError                  an agency call did not yield an answer (agency, detail)
     ├── AgencyUnavailable        transient faults outlasted the quick retries (attempts, status_code)
     │    └── CircuitOpen         the breaker for that endpoint refused to call at all
     └── AgencyBadAnswer          the agency answered, but not in a form we understand

    SmsError                      a notice to the family did not go out (detail)
     ├── SmsUnavailable           transient, or the SMS gateway's circuit is open (retry_in_seconds)
     └── SmsRefused               the SMS gateway refused the message (a 4xx)

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


class SmsError(Exception):
    """A text message to the family did not go out (the SMS gateway, not an agency)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class SmsUnavailable(SmsError):
    """Transient: the SMS gateway is down, slow, or its circuit is open (`retry_in_seconds`)."""

    def __init__(self, detail: str, retry_in_seconds: float | None = None) -> None:
        super().__init__(detail)
        self.retry_in_seconds = retry_in_seconds


class SmsRefused(SmsError):
    """The SMS gateway answered that it will not send this message (a 4xx): trying again is futile."""
