"""Supervision statistics (监督): cases, items on time and late, working days taken, overdue items,
rejection reasons and ratings, per agency or per county, over cases submitted in a range of days.

The database counts and groups: every figure below comes from GROUP BY aggregates over the cases in
range (indexes: cases.submitted_at, ix_case_items_statistics). Working days need the Chinese
calendar, which SQL does not know, so SQL answers how many items went out on one day and were done
on another, per group, and the domain turns those pairs into working days and percentiles.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, distinct, func, select

from gateway.clock import CHINA, china_date
from gateway.domain.deadlines import overdue_rule
from gateway.domain.statistics import percentile, suppressed, top_reasons, working_days_taken
from gateway.domain.status import FINISHED_CASE_STATUSES, REACHED_AGENCY, ItemStatus
from gateway.errors import InvalidArgument
from gateway.security.policy import counted_regions, permit
from gateway.security.tokens import Principal
from gateway.services import Services
from gateway.store.dates import china_day
from gateway.store.models import AgencyScoreRow, CaseRow, ItemRow, RatingRow

Rows = Select[*tuple[Any, ...]]  # an aggregate: a group key and its figures
MAX_RANGE_DAYS = 3 * 366  # bounds the calendar walked for working days, and a careless query


class GroupBy(StrEnum):
    AGENCY = "AGENCY"
    REGION = "REGION"  # the county (6-digit division code) the clerks' scope uses


@dataclass(frozen=True)
class Figures:
    cases_received: int
    cases_finished: int
    items_on_time: int
    items_late: int
    median_working_days: int | None
    p90_working_days: int | None
    items_overdue: int
    rejection_reasons: list[tuple[str, int]]
    average_rating: float | None
    ratings: int


@dataclass(frozen=True)
class Group:
    key: str  # an agency's code, or a county's division code
    figures: Figures | None  # None: suppressed, too few cases to show without pointing at a family


def _checked_range(start: date, end: date) -> None:
    if end < start:
        raise InvalidArgument("to 不能早于 from (to must not be before from)", field="to")
    if (end - start).days > MAX_RANGE_DAYS:
        raise InvalidArgument(f"统计区间不能超过 {MAX_RANGE_DAYS} 天 (at most {MAX_RANGE_DAYS} days)", field="to")


async def statistics(
    services: Services, principal: Principal | None, start: date, end: date, group_by: GroupBy
) -> list[Group]:
    principal = permit(principal, "statistics")
    _checked_range(start, end)
    query = _Query(principal, start, end, group_by, china_date(services.clock()))
    async with services.db.reading() as session:
        cases = {k: (received, finished) for k, received, finished in await session.execute(query.cases())}
        items = {k: (on_time, late, overdue) for k, on_time, late, overdue in await session.execute(query.items())}
        spans: dict[str, list[tuple[date, date, int]]] = defaultdict(list)
        for k, went, done, count in await session.execute(query.spans()):
            spans[k].append((went, done, count))
        reasons: dict[str, dict[str, int]] = defaultdict(dict)
        for k, reason, count in await session.execute(query.reasons()):
            reasons[k][reason] = count
        ratings = {k: (float(average), count) for k, average, count in await session.execute(query.ratings())}
    threshold = services.settings.statistics_min_cases
    groups = []
    for key, (received, finished) in sorted(cases.items()):
        if suppressed(received, threshold):
            groups.append(Group(key, None))
            continue
        on_time, late, overdue = items.get(key, (0, 0, 0))
        taken = working_days_taken(spans.get(key, []), services.calendar)
        average, rated = ratings.get(key, (None, 0))
        figures = Figures(
            received, finished, on_time, late, percentile(taken, 0.5), percentile(taken, 0.9), overdue,
            top_reasons(reasons.get(key, {})), average, rated,
        )  # fmt: skip
        groups.append(Group(key, figures))
    return groups


class _Query:
    """The five aggregates, each grouped by the same key over the same cases."""

    def __init__(self, principal: Principal, start: date, end: date, group_by: GroupBy, today: date) -> None:
        self.region = func.coalesce(CaseRow.registered_region_code, CaseRow.region_code)
        self.by_agency, self.today = group_by == GroupBy.AGENCY, today
        self.scope: list[ColumnElement[bool]] = [
            CaseRow.submitted_at >= datetime.combine(start, time(), CHINA),
            CaseRow.submitted_at < datetime.combine(end + timedelta(days=1), time(), CHINA),
        ]
        if (prefix := counted_regions(principal)) is not None:
            self.scope.append(self.region.startswith(prefix, autoescape=True))

    def _items(self, *columns: Any) -> Rows:
        key = ItemRow.agency if self.by_agency else self.region
        return select(key, *columns).join(CaseRow, CaseRow.id == ItemRow.case_id).where(*self.scope).group_by(key)

    def cases(self) -> Rows:
        finished = CaseRow.status.in_(FINISHED_CASE_STATUSES)
        if self.by_agency:  # an agency's cases: those where one of its items reached it
            return self._items(
                func.count(distinct(ItemRow.case_id)), func.count(distinct(case((finished, ItemRow.case_id))))
            ).where(ItemRow.status.in_(REACHED_AGENCY))
        counted = select(self.region, func.count(), func.sum(case((finished, 1), else_=0)))
        return counted.where(*self.scope).group_by(self.region)

    def items(self) -> Rows:
        completed, done_on = ItemRow.status == ItemStatus.COMPLETED, china_day(ItemRow.updated_at)
        rule = overdue_rule(self.today)
        return self._items(
            _count(and_(completed, done_on <= ItemRow.deadline)),
            _count(and_(completed, done_on > ItemRow.deadline)),
            _count(and_(ItemRow.status.in_(rule.statuses), ItemRow.deadline < rule.before)),
        )

    def spans(self) -> Rows:
        """Completed items counted per (day sent, day done): a completed item is settled and nothing
        moves it again, so its `updated_at` is when it was completed."""
        went, done = china_day(ItemRow.dispatched_at), china_day(ItemRow.updated_at)
        counted = self._items(went, done, func.count()).group_by(went, done)
        return counted.where(ItemRow.status == ItemStatus.COMPLETED, ItemRow.dispatched_at.is_not(None))

    def reasons(self) -> Rows:
        counted = self._items(ItemRow.rejection_reason, func.count()).group_by(ItemRow.rejection_reason)
        return counted.where(ItemRow.status == ItemStatus.REJECTED, ItemRow.rejection_reason.is_not(None))

    def ratings(self) -> Rows:
        if self.by_agency:
            scored = select(AgencyScoreRow.agency, func.avg(AgencyScoreRow.score), func.count())
            joined = scored.join(CaseRow, CaseRow.id == AgencyScoreRow.case_id)
            return joined.where(*self.scope).group_by(AgencyScoreRow.agency)
        rated = select(self.region, func.avg(RatingRow.score), func.count())
        return rated.join(CaseRow, CaseRow.id == RatingRow.case_id).where(*self.scope).group_by(self.region)


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))
