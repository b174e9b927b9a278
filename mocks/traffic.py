"""Every call each imitation agency received, faults included, so tests can see how hard it was hit
and which trace each request came from (its W3C traceparent header)."""

from __future__ import annotations

from collections import Counter, deque
from typing import Any

RECENT = 1000  # requests whose traceparent is kept: a demo left running for days stays small


class Traffic:
    def __init__(self) -> None:
        self._agencies: Counter[str] = Counter()
        self._keys: Counter[str] = Counter()
        self._traces: deque[dict[str, str | None]] = deque(maxlen=RECENT)

    def count(self, agency: str, key: str | None, traceparent: str | None = None) -> None:
        self._agencies[agency] += 1
        if key:
            self._keys[key] += 1
        self._traces.append({"agency": agency, "idempotencyKey": key, "traceparent": traceparent})

    def clear(self) -> None:
        self._agencies.clear()
        self._keys.clear()
        self._traces.clear()

    def as_json(self) -> dict[str, Any]:
        return {"agencies": dict(self._agencies), "keys": dict(self._keys)}

    def traces_as_json(self) -> list[dict[str, str | None]]:
        """The latest requests, oldest first: the agency, the idempotency key and the traceparent (null: none sent)."""
        return list(self._traces)
