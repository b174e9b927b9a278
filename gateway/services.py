"""The long-lived parts of a running gateway, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.sms import SmsClient
from gateway.agencies.endpoints import Endpoints
from gateway.clock import Clock, utcnow
from gateway.domain.deadlines import WorkingCalendar
from gateway.domain.time_limits import TimeLimits
from gateway.edge.persisted import PersistedOperations
from gateway.security.accesslog_buffer import AccessLogBuffer
from gateway.settings import Settings
from gateway.store.db import Database
from gateway.store.events import EventBus
from gateway.store.versions import VersionBook, case_versions


@dataclass
class Services:
    settings: Settings
    db: Database
    endpoints: Endpoints
    bus: EventBus
    calendar: WorkingCalendar
    sms: SmsClient  # the family's notices (gateway/dispatch/notifying.py)
    clock: Clock = field(default=utcnow)
    # Each item's working days: the plan's, the operator's file, else defaults (read by the
    # dispatcher's deadlines and the catalogue alike).
    time_limits: TimeLimits = field(default_factory=TimeLimits)
    access_buffer: AccessLogBuffer | None = None  # None: each access is written as it happens
    versions: VersionBook | None = None  # None: cached answers are checked against the database
    # Documents an app may name by hash (gateway/edge/persisted.py); none trusted, none learnt yet.
    persisted: PersistedOperations = field(default_factory=lambda: PersistedOperations({}, trusted_only=False))

    async def case_versions(self, ids: list[str]) -> dict[str, int]:
        """Each case's current version: from the book when there is one, else from the database."""
        return await (self.versions.current(ids) if self.versions else case_versions(self.db, ids))
