"""The declaration every agency module makes: its endpoints and its field mapping, nothing else.

An agency module (`adapters/agencies/<agency>.py`) satisfies `AgencySpec` with module-level
names; all transport policy (timeouts, retries, breaker, idempotency) lives in `adapters.transport`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from adapters.contract import ItemRequest, Outcome, Records
from adapters.kinds import Agency, ItemKind


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # relative to the agency's registered base URL, e.g. "/hkzx/sqd"
    json: Mapping[str, Any] | None = None
    params: Mapping[str, str] | None = None


class AgencySpec(Protocol):
    AGENCY: Agency
    SLUG: str  # where the agency's mock is mounted, e.g. "gongan"
    TIMEOUT_SECONDS: float

    def records_call(self, id_number: str) -> Call: ...

    def records(self, body: Any) -> Records: ...

    def submit_call(self, request: ItemRequest) -> Call: ...

    def submit_outcome(self, request: ItemRequest, body: Any) -> Outcome: ...

    def status_call(self, kind: ItemKind, reference: str) -> Call: ...

    def status_outcome(self, kind: ItemKind, body: Any) -> Outcome: ...

    def refusal_reason(self, body: Any) -> str: ...
