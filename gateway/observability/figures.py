"""Figures read when Prometheus scrapes, not kept up to date by a loop: the job backlog, cases by
status, overdue items (from the database, shared by every process) and each agency's circuit and
health (this process's own view)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from adapters.breaker import CIRCUIT_STATES
from gateway.clock import china_date
from gateway.domain.deadlines import overdue_rule
from gateway.domain.status import CaseStatus
from gateway.store.db import Database
from gateway.store.models import CaseRow, ItemRow, JobRow


@dataclass(frozen=True)
class Figures:
    due_jobs: int
    oldest_due_seconds: float  # 0 when nothing is due
    cases: Mapping[str, int]
    overdue_items: int


@dataclass(frozen=True)
class Agencies:
    circuits: Mapping[str, str] = field(default_factory=dict)  # agency -> closed | open | half_open
    healthy: Mapping[str, bool] = field(default_factory=dict)


async def read_figures(db: Database, now: datetime) -> Figures:
    async with db.reading() as session:
        due = JobRow.due_at <= now
        count, oldest = (await session.execute(select(func.count(), func.min(JobRow.due_at)).where(due))).one()
        by_status = dict((await session.execute(select(CaseRow.status, func.count()).group_by(CaseRow.status))).all())
        rule = overdue_rule(china_date(now))  # the rule of an item's `overdue` field
        late = ItemRow.status.in_(rule.statuses), ItemRow.deadline < rule.before
        overdue = await session.scalar(select(func.count()).select_from(ItemRow).where(*late))
    age = 0.0 if oldest is None else max(0.0, (now - _aware(oldest)).total_seconds())
    return Figures(int(count), age, {s.value: int(by_status.get(s.value, 0)) for s in CaseStatus}, int(overdue or 0))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class ScrapeFigures(Collector):
    """One scrape's figures as metric families; `figures` None: the database did not answer."""

    def __init__(self, figures: Figures | None, agencies: Agencies) -> None:
        self.figures = figures
        self.agencies = agencies

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("gateway_database_up", "1 if the database answered this scrape's questions")
        up.add_metric([], 1.0 if self.figures is not None else 0.0)
        yield up
        if self.figures is not None:
            yield from _database_families(self.figures)
        yield from _agency_families(self.agencies)


def _database_families(figures: Figures) -> Iterator[Metric]:
    yield GaugeMetricFamily(
        "gateway_jobs_due", "Dispatch jobs due now (waiting or running): the backlog", value=figures.due_jobs
    )
    yield GaugeMetricFamily(
        "gateway_oldest_due_job_seconds",
        "How long the oldest due dispatch job has been due (0 when none is)",
        value=figures.oldest_due_seconds,
    )
    cases = GaugeMetricFamily("gateway_cases", "Cases by status", labels=["status"])
    for status, count in figures.cases.items():
        cases.add_metric([status], count)
    yield cases
    yield GaugeMetricFamily(
        "gateway_items_overdue", "Items at an agency past their deadline (China's date)", value=figures.overdue_items
    )


def _agency_families(agencies: Agencies) -> Iterator[Metric]:
    circuit = GaugeMetricFamily(
        "gateway_agency_circuit_state",
        "This process's circuit breaker per agency: 1 for the state it is in, 0 for the others",
        labels=["agency", "state"],
    )
    for agency, current in sorted(agencies.circuits.items()):
        for state in CIRCUIT_STATES:
            circuit.add_metric([agency, state], 1.0 if state == current else 0.0)
    yield circuit
    healthy = GaugeMetricFamily(
        "gateway_agency_healthy", "1 if the agency's endpoint answered its last health check", labels=["agency"]
    )
    for agency, ok in sorted(agencies.healthy.items()):
        healthy.add_metric([agency], 1.0 if ok else 0.0)
    yield healthy
