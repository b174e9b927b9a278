"""The idempotency ledger: a repeated `Idempotency-Key` gets the first answer and is applied once."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Entry:
    agency: str
    kind: str
    id_number: str
    status_code: int
    body: Any
    applied: int = 1
    requests: int = 1
    papers: dict[str, str] = field(default_factory=dict)  # kind -> sha256 of each paper received whole

    def as_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "kind": self.kind,
            "idNumber": self.id_number,
            "applied": self.applied,
            "requests": self.requests,
            "papers": self.papers,
        }


class Ledger:
    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}

    def replay(self, key: str) -> Entry | None:
        """The first answer given for `key`, counting this request; None if the key is new."""
        entry = self._entries.get(key)
        if entry is not None:
            entry.requests += 1
        return entry

    def record(self, key: str, entry: Entry) -> None:
        self._entries[key] = entry

    def clear(self) -> None:
        self._entries.clear()

    def as_json(self) -> dict[str, Any]:
        applications = Counter(entry.agency for entry in self._entries.values())
        return {
            "keys": {key: entry.as_json() for key, entry in self._entries.items()},
            "applications": dict(applications),
        }
