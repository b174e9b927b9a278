"""What a commit changed that others wait for: jobs that came due, agency endpoints.

A flush that adds a job, or reschedules or releases one (its lease cleared), marks the session with
JOBS; one that writes an endpoint marks it with ENDPOINTS. `Database.writing` hands the marks to its
hooks once the transaction commits, and on PostgreSQL NOTIFY carries them to every process. The
dispatcher's own claims set a lease and so mark nothing: its bookkeeping never wakes it.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from gateway.store.models import EndpointRow, JobRow

JOBS, ENDPOINTS = "jobs", "endpoints"


class SignallingSession(Session):
    """The session every `Database` uses: it notices the writes that others wait for."""


def mark(session: Session, signal: str) -> None:
    """For bulk statements the flush does not see (releasing many leases at once)."""
    session.info.setdefault("signals", set()).add(signal)


def marked(session: Session) -> frozenset[str]:
    return frozenset(session.info.pop("signals", ()))


@event.listens_for(SignallingSession, "before_flush")
def _notice(session: Session, _context: Any, _instances: Any) -> None:
    for row in chain(session.new, session.dirty):
        if isinstance(row, JobRow) and row.leased_until is None:
            mark(session, JOBS)
    if any(isinstance(row, EndpointRow) for row in chain(session.new, session.dirty, session.deleted)):
        mark(session, ENDPOINTS)
