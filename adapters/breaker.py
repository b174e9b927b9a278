"""A circuit breaker per agency endpoint: stop hammering an agency that is down."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

CIRCUIT_STATES = ("closed", "open", "half_open")


@dataclass
class CircuitBreaker:
    failure_threshold: int = 5
    reset_after_seconds: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _failures: int = field(default=0, init=False)
    _opened_at: float | None = field(default=None, init=False)
    _trial_started: float | None = field(default=None, init=False)

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None and self.retry_in() > 0

    @property
    def state(self) -> str:
        """closed (calls go), open (cooling down: calls held back) or half_open (a trial may go)."""
        if self._opened_at is None:
            return "closed"
        return "open" if self.retry_in() > 0 else "half_open"

    def retry_in(self) -> float:
        if self._opened_at is None:
            return 0.0
        return max(0.0, self._opened_at + self.reset_after_seconds - self.clock())

    def allow(self) -> bool:
        """Closed: yes. Open: no. Half-open (cool-down over): one trial call at a time.

        A trial that never reports back (cancelled mid-call) gives way to a new one after another
        cool-down, so the breaker cannot stay shut for good.
        """
        if self._opened_at is None:
            return True
        now = self.clock()
        trial_running = self._trial_started is not None and now - self._trial_started < self.reset_after_seconds
        if self.retry_in() > 0 or trial_running:
            return False
        self._trial_started = now
        return True

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None
        self._trial_started = None

    def record_failure(self) -> None:
        self._failures += 1
        self._trial_started = None
        if self._opened_at is not None or self._failures >= self.failure_threshold:
            self._opened_at = self.clock()
