"""How long a job waits before it runs again: one exponential backoff, its base and caps from settings."""

from __future__ import annotations

import random

from gateway.settings import Settings

JITTER = 0.2  # spreads retries so an agency that recovers is not stampeded by every waiting job


def backoff(settings: Settings, attempts: int, cap: float | None = None) -> float:
    """Seconds before the `attempts`-th retry: doubling from `dispatch_backoff_seconds` up to `cap`
    (one of the settings' caps; by default `dispatch_backoff_cap_seconds`), then jittered."""
    limit = settings.dispatch_backoff_cap_seconds if cap is None else cap
    delay = min(limit, settings.dispatch_backoff_seconds * 2 ** max(0, attempts - 1))
    return float(delay * (1 + random.uniform(-JITTER, JITTER)))
