"""The long-lived parts of a running gateway, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gateway.clock import Clock, utcnow
from gateway.db import Database
from gateway.domain.deadlines import WorkingCalendar
from gateway.endpoints import Endpoints
from gateway.events import EventBus
from gateway.settings import Settings

if TYPE_CHECKING:  # both modules need Services in turn
    from gateway.accesslog import AccessLogBuffer
    from gateway.versions import VersionBook


@dataclass
class Services:
    settings: Settings
    db: Database
    endpoints: Endpoints
    bus: EventBus
    calendar: WorkingCalendar
    clock: Clock = field(default=utcnow)
    access_buffer: AccessLogBuffer | None = None  # None: each access is written as it happens
    versions: VersionBook | None = None  # None: cached answers are checked against the database
