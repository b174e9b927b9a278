"""Time limits counted in Chinese working days (weekends, public holidays and 调休 make-up days).

The chinesecalendar package knows only the years the State Council has announced. Beyond them
a deadline falls back to an operator-supplied schedule, else to weekends only, and is marked
estimated rather than failing (DOMAIN.md §3).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

import chinese_calendar

from gateway.domain.status import OPEN_AT_AGENCY, ItemStatus


@dataclass(frozen=True)
class Deadline:
    due: date
    estimated: bool


@dataclass(frozen=True)
class OperatorSchedule:
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()  # 调休: weekend days worked to make up for a holiday
    years: frozenset[int] = frozenset()

    def is_working_day(self, day: date) -> bool:
        return day in self.workdays or (day.weekday() < 5 and day not in self.holidays)


class DayStatus(NamedTuple):
    working: bool
    estimated: bool


class WorkingCalendar:
    def __init__(self, schedule: OperatorSchedule | None = None) -> None:
        self._schedule = schedule or OperatorSchedule()

    def is_working_day(self, day: date) -> DayStatus:
        try:
            return DayStatus(chinese_calendar.is_workday(day), estimated=False)
        except NotImplementedError:
            pass  # a year the package does not cover yet
        if day.year in self._schedule.years:
            return DayStatus(self._schedule.is_working_day(day), estimated=False)
        return DayStatus(day.weekday() < 5, estimated=True)


def add_working_days(start: date, days: int, calendar: WorkingCalendar | None = None) -> Deadline:
    """The `days`-th working day after `start`; the start day itself never counts."""
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    calendar = calendar or WorkingCalendar()
    day, counted, estimated = start, 0, False
    while counted < days:
        day += timedelta(days=1)
        status = calendar.is_working_day(day)
        counted += 1 if status.working else 0
        estimated |= status.estimated
    return Deadline(due=day, estimated=estimated)


@dataclass(frozen=True)
class OverdueRule:
    """Overdue: an item in one of `statuses` whose deadline falls before `before`. Data, so that
    the GraphQL field (one loaded item) and the `overdueOnly` filter (SQL) apply the same rule."""

    statuses: frozenset[ItemStatus]
    before: date


@lru_cache(maxsize=8)  # a status read asks it for each of its 23 items, of the same day
def overdue_rule(today: date) -> OverdueRule:
    """Only an item still open at its agency runs late; its due day itself is not late yet."""
    return OverdueRule(OPEN_AT_AGENCY, today)


def is_overdue(status: ItemStatus, deadline: date | None, today: date) -> bool:
    rule = overdue_rule(today)
    return status in rule.statuses and deadline is not None and deadline < rule.before


def parse_operator_schedule(content: object, path: str) -> OperatorSchedule:
    """Check `{"2027": {"holidays": ["2027-01-01", ...], "workdays": ["2027-02-07", ...]}}`, read from `path`."""
    if not isinstance(content, dict):
        raise ValueError(f'{path}: expected an object keyed by year, e.g. {{"2027": {{"holidays": [...]}}}}')
    holidays: set[date] = set()
    workdays: set[date] = set()
    for key, entry in content.items():
        year = _parse_year(path, key)
        _check_keys(path, key, entry)
        holidays |= _parse_days(path, year, entry.get("holidays", []), "holidays")
        workdays |= _parse_days(path, year, entry.get("workdays", []), "workdays")
    if clash := sorted(holidays & workdays):
        raise ValueError(f"{path}: {clash[0].isoformat()} is listed both as a holiday and as a workday")
    years = frozenset(int(key) for key in content)
    return OperatorSchedule(frozenset(holidays), frozenset(workdays), years)


def _parse_year(path: str, key: str) -> int:
    if len(key) != 4 or not key.isascii() or not key.isdigit():
        raise ValueError(f'{path}: {key!r} is not a year; use four digits such as "2027"')
    return int(key)


def _check_keys(path: str, key: str, entry: Any) -> None:
    if not isinstance(entry, dict):
        raise ValueError(f'{path}: year {key} must map to {{"holidays": [...], "workdays": [...]}}')
    if unknown := sorted(set(entry) - {"holidays", "workdays"}):
        raise ValueError(f"{path}: year {key} has unknown key {unknown[0]!r}; expected holidays and workdays")


def _parse_days(path: str, year: int, values: Any, field: str) -> set[date]:
    if not isinstance(values, list):
        raise ValueError(f'{path}: {year}.{field} must be a list of dates like "{year}-01-01"')
    return {_parse_day(path, year, value, field) for value in values}


def _parse_day(path: str, year: int, value: Any, field: str) -> date:
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None or day.year != year:
        raise ValueError(f"{path}: {year}.{field} entry {value!r} is not a date in {year} (expected YYYY-MM-DD)")
    return day
