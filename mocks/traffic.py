"""Every call each imitation agency received, faults included, so tests can see how hard it was hit."""

from __future__ import annotations

from collections import Counter
from typing import Any


class Traffic:
    def __init__(self) -> None:
        self._agencies: Counter[str] = Counter()
        self._keys: Counter[str] = Counter()

    def count(self, agency: str, key: str | None) -> None:
        self._agencies[agency] += 1
        if key:
            self._keys[key] += 1

    def clear(self) -> None:
        self._agencies.clear()
        self._keys.clear()

    def as_json(self) -> dict[str, Any]:
        return {"agencies": dict(self._agencies), "keys": dict(self._keys)}
