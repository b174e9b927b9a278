"""What every agency call reports, without knowing who listens: the facts of the call for log lines,
and its count and duration for /metrics.

The gateway reads the facts when it writes a log line (gateway/observability/logs.py) and exposes
the metrics with its own (gateway/observability/exposition.py); adapters never import the gateway.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType

from prometheus_client import Counter, Histogram

_CALL: ContextVar[Mapping[str, str]] = ContextVar("agency_call_fields", default=MappingProxyType({}))


@contextmanager
def call_fields(**fields: str | None) -> Iterator[None]:
    token = _CALL.set({**_CALL.get(), **{k: v for k, v in fields.items() if v}})
    try:
        yield
    finally:
        _CALL.reset(token)


def current_call_fields() -> Mapping[str, str]:
    return _CALL.get()


# Counted where the request to an agency is made (adapters/transport.py), one sample per try: a retried
# call shows as attempt 1, 2, ... so an operator sees faults the retries hid from the dispatcher.
AGENCY_CALLS = Counter(
    "gateway_agency_calls",
    "Tries of an HTTP call to an agency, by agency, outcome and attempt number within the call",
    ["agency", "outcome", "attempt"],
)
AGENCY_CALL_SECONDS = Histogram(
    "gateway_agency_call_seconds",
    "Time one try of an HTTP call to an agency took, by agency and outcome",
    ["agency", "outcome"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)


def outcome_of(status_code: int) -> str:
    if status_code == 429:
        return "throttled"
    if status_code >= 500:
        return "server_error"
    return "client_error" if status_code >= 400 else "ok"


@contextmanager
def counted_call(agency: str, attempt: int) -> Iterator[CallTally]:
    """Times one try; the caller names its outcome (a status, or a fault) on the tally it gets."""
    tally = CallTally()
    started = time.perf_counter()
    try:
        yield tally
    finally:
        outcome = tally.outcome or "error"
        AGENCY_CALLS.labels(agency, outcome, str(attempt)).inc()
        AGENCY_CALL_SECONDS.labels(agency, outcome).observe(time.perf_counter() - started)


class CallTally:
    outcome: str | None = None
