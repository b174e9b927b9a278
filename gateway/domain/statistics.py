"""Supervision figures that SQL cannot give alone: the Chinese working-day calendar as a table SQL
can join, percentiles over counted durations, the top rejection reasons, small-group suppression.

SQL counts and groups (gateway/cases/statistics.py); what reaches this module is already aggregated:
one row per (group, working days taken) or (group, reason), never one per case.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from gateway.domain.deadlines import WorkingCalendar

TOP_REASONS = 3


class WorkingDayCounter:
    """Working days in (start, end], the way `add_working_days` counts them: the start day never
    counts, the end day does. Built once over a span of days, then each question is two look-ups."""

    def __init__(self, first: date, last: date, calendar: WorkingCalendar | None = None) -> None:
        calendar = calendar or WorkingCalendar()
        self._first = first
        self._running = [0]  # working days in (first, first + i]
        day = first
        while day < last:
            day += timedelta(days=1)
            self._running.append(self._running[-1] + (1 if calendar.is_working_day(day).working else 0))

    def running(self) -> list[tuple[date, int]]:
        """Each day of the span with the working days up to it: joined to an item's day sent and day
        done, the difference of the two is the working days it took (`between`, in SQL)."""
        return [(self._first + timedelta(days=i), worked) for i, worked in enumerate(self._running)]

    def between(self, start: date, end: date) -> int:
        """Never negative: an item answered the day it went out took no working day."""
        if end <= start:
            return 0
        return self._running[(end - self._first).days] - self._running[(start - self._first).days]


def percentile(counted: Sequence[tuple[int, int]], fraction: float) -> int | None:
    """Nearest rank over (value, count) pairs: the least value with at least `fraction` of all counts
    at or below it (the median of 1, 2, 3, 4 is 2). None when nothing was counted."""
    total = sum(count for _, count in counted)
    if total == 0:
        return None
    rank, seen = max(1, math.ceil(fraction * total)), 0
    for value, count in sorted(counted):
        seen += count
        if seen >= rank:
            return value
    raise AssertionError("unreachable: the ranks add up to the total")


def top_reasons(counted: Mapping[str, int], limit: int = TOP_REASONS) -> list[tuple[str, int]]:
    """The most frequent first; ties by the reason's text, so the answer does not vary between runs."""
    return sorted(counted.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]


def suppressed(cases: int, threshold: int) -> bool:
    """Fewer cases than the threshold could be told apart family by family: no figures for them."""
    return cases < threshold
