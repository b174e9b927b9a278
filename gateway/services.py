"""The long-lived parts of a running gateway, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field

from gateway.clock import Clock, utcnow
from gateway.db import Database
from gateway.domain.deadlines import WorkingCalendar
from gateway.endpoints import Endpoints
from gateway.events import EventBus
from gateway.settings import Settings


@dataclass
class Services:
    settings: Settings
    db: Database
    endpoints: Endpoints
    bus: EventBus
    calendar: WorkingCalendar
    clock: Clock = field(default=utcnow)
