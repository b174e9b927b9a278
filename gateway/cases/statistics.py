"""Supervision statistics (监督): cases, items on time and late, working days taken, overdue items,
rejection reasons and ratings, per agency or per county, over cases submitted in a range of days.

The database counts and groups: every figure below comes from GROUP BY aggregates over the cases in
range (indexes: cases.submitted_at, ix_case_items_statistics; statistics on the region, 0010).
Working days need the Chinese calendar, which SQL does not know: the domain walks it once over the
range and hands SQL a table of days with their running count of working days, so the database
answers how many items took each number of working days; the percentiles are taken from those.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, Select, and_, case, column, func, select, text, values

from gateway.clock import CHINA, china_date
from gateway.domain.deadlines import overdue_rule
from gateway.domain.statistics import WorkingDayCounter, percentile, suppressed, top_reasons
from gateway.domain.status import FINISHED_CASE_STATUSES, REACHED_AGENCY, ItemStatus
from gateway.errors import InvalidArgument
from gateway.security.policy import counted_regions, permit
from gateway.security.tokens import Principal
from gateway.services import Services
from gateway.store.dates import china_day
from gateway.store.family_rows import AgencyScoreRow, RatingRow
from gateway.store.models import CaseRow, ItemRow

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
        if not services.db.is_sqlite:
            # PostgreSQL's JIT spent longer compiling each of these aggregates (0.2-0.3 s) than
            # running it; off for this read-only transaction alone (scripts/bench_statistics.py).
            await session.execute(text("SET LOCAL jit = off"))
        cases = {k: (received, finished) for k, received, finished in await session.execute(query.cases())}
        items = {k: (on_time, late, overdue) for k, on_time, late, overdue in await session.execute(query.items())}
        taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for k, days, count in await session.execute(
            query.taken(WorkingDayCounter(start, query.last_day, services.calendar))
        ):
            taken[k].append((days, int(count)))  # a SUM: numeric on PostgreSQL
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
        average, rated = ratings.get(key, (None, 0))
        figures = Figures(
            received, finished, on_time, late, percentile(taken[key], 0.5), percentile(taken[key], 0.9), overdue,
            top_reasons(reasons.get(key, {})), average, rated,
        )  # fmt: skip
        groups.append(Group(key, figures))
    return groups


class _Query:
    """The five aggregates, each grouped by the same key over the same cases."""

    def __init__(self, principal: Principal, start: date, end: date, group_by: GroupBy, today: date) -> None:
        self.region = func.coalesce(CaseRow.registered_region_code, CaseRow.region_code)
        self.by_agency, self.today = group_by == GroupBy.AGENCY, today
        # Nothing in range went out before `start` or was done after today (nor after the range ends).
        self.last_day = max(start, min(today, end + timedelta(days=MAX_RANGE_DAYS)))
        self.scope: list[ColumnElement[bool]] = [
            CaseRow.submitted_at >= datetime.combine(start, time(), CHINA),
            CaseRow.submitted_at < datetime.combine(end + timedelta(days=1), time(), CHINA),
        ]
        if (prefix := counted_regions(principal)) is not None:
            self.scope.append(self.region.startswith(prefix, autoescape=True))

    def _items(self, *columns: Any) -> Rows:
        key = (ItemRow.agency if self.by_agency else self.region).label("key")
        joined = select(key, *columns).select_from(ItemRow).join(CaseRow, CaseRow.id == ItemRow.case_id)
        return joined.where(*self.scope).group_by(key)

    def cases(self) -> Rows:
        finished = CaseRow.status.in_(FINISHED_CASE_STATUSES)
        if self.by_agency:  # an agency's cases: those where one of its items reached it, each once
            reached = self._items(ItemRow.case_id, finished.label("finished")).where(ItemRow.status.in_(REACHED_AGENCY))
            each = reached.group_by(ItemRow.case_id, CaseRow.status).subquery()
            key = each.c.key
            return select(key, func.count(), _count(each.c.finished)).group_by(key)
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

    def taken(self, calendar: WorkingDayCounter) -> Rows:
        """Completed items counted per working days taken, from the day sent to the day done. A
        completed item is settled and nothing moves it again: its `updated_at` is when it was done.
        Items are first counted per (day sent, day done), a few thousand rows a year for a group,
        and only those are joined to the calendar."""
        sent_on, done_on = china_day(ItemRow.dispatched_at), china_day(ItemRow.updated_at)
        counted = self._items(sent_on.label("sent_on"), done_on.label("done_on"), func.count().label("items"))
        pairs = counted.where(ItemRow.status == ItemStatus.COMPLETED).group_by(sent_on, done_on).subquery()
        days = values(column("day", Date), column("worked", Integer), name="working_days").data(calendar.running())
        calendar_table = days.cte("working_days")  # sent once, read twice
        sent, done = calendar_table.alias("sent"), calendar_table.alias("done")
        taken, key = (done.c.worked - sent.c.worked).label("taken"), pairs.c.key
        joined = select(key, taken, func.sum(pairs.c["items"])).select_from(pairs)
        joined = joined.join(sent, sent.c.day == pairs.c.sent_on).join(done, done.c.day == pairs.c.done_on)
        return joined.group_by(key, taken)

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
