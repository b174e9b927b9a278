import json
from datetime import date
from pathlib import Path

import pytest

from gateway.domain.deadlines import (
    Deadline,
    OperatorSchedule,
    WorkingCalendar,
    add_working_days,
)
from gateway.operator_files import load_operator_schedule

SCHEDULE_2027 = OperatorSchedule(
    holidays=frozenset({date(2027, 1, 1), date(2027, 1, 11)}),
    workdays=frozenset({date(2027, 1, 9)}),
    years=frozenset({2027}),
)


def test_one_working_day_after_a_plain_friday_is_the_next_monday() -> None:
    assert add_working_days(date(2026, 6, 5), 1) == Deadline(due=date(2026, 6, 8), estimated=False)


def test_the_start_day_itself_does_not_count() -> None:
    assert add_working_days(date(2026, 6, 8), 1).due == date(2026, 6, 9)


def test_mid_autumn_holiday_friday_is_skipped() -> None:
    # 2026-09-25 (Fri) is 中秋节; the weekend follows.
    assert add_working_days(date(2026, 9, 24), 1).due == date(2026, 9, 28)


def test_national_day_holidays_are_skipped() -> None:
    # 2026-10-01 to 10-07 are 国庆节 holidays.
    assert add_working_days(date(2026, 9, 30), 1).due == date(2026, 10, 8)


def test_national_day_make_up_saturday_counts_as_a_working_day() -> None:
    # 2026-10-10 is a Saturday worked in exchange (调休).
    assert add_working_days(date(2026, 9, 30), 3).due == date(2026, 10, 10)


def test_spring_festival_make_up_saturday_counts_as_a_working_day() -> None:
    # 2026-02-14 (Sat) is worked; 2026-02-15 to 02-23 are 春节 holidays.
    assert add_working_days(date(2026, 2, 13), 1).due == date(2026, 2, 14)


def test_spring_festival_holidays_are_skipped() -> None:
    assert add_working_days(date(2026, 2, 14), 1) == Deadline(due=date(2026, 2, 24), estimated=False)


def test_zero_working_days_is_the_start_day() -> None:
    assert add_working_days(date(2026, 10, 3), 0) == Deadline(due=date(2026, 10, 3), estimated=False)


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2026, 6, 5), -1)


def test_a_year_beyond_the_package_falls_back_to_weekends_and_is_estimated() -> None:
    assert add_working_days(date(2027, 1, 8), 1) == Deadline(due=date(2027, 1, 11), estimated=True)


def test_a_deadline_crossing_into_an_unknown_year_is_estimated() -> None:
    # 2026-12-31 comes from the package; 2027-01-01 is only guessed to be a working Friday.
    assert add_working_days(date(2026, 12, 30), 2) == Deadline(due=date(2027, 1, 1), estimated=True)


def test_an_operator_schedule_covers_a_year_beyond_the_package() -> None:
    calendar = WorkingCalendar(SCHEDULE_2027)
    assert add_working_days(date(2026, 12, 30), 2, calendar) == Deadline(due=date(2027, 1, 4), estimated=False)


def test_an_operator_make_up_day_counts_and_an_operator_holiday_does_not() -> None:
    calendar = WorkingCalendar(SCHEDULE_2027)
    # Fri 8th → Sat 9th (make-up) → Mon 11th (holiday) → Tue 12th.
    assert add_working_days(date(2027, 1, 8), 2, calendar) == Deadline(due=date(2027, 1, 12), estimated=False)


def test_the_package_wins_over_an_operator_schedule_for_a_year_it_knows() -> None:
    schedule = OperatorSchedule(holidays=frozenset({date(2026, 6, 8)}), years=frozenset({2026}))
    assert add_working_days(date(2026, 6, 5), 1, WorkingCalendar(schedule)).due == date(2026, 6, 8)


def test_an_operator_schedule_for_another_year_does_not_stop_the_estimate() -> None:
    schedule = OperatorSchedule(years=frozenset({2028}))
    assert add_working_days(date(2027, 1, 8), 1, WorkingCalendar(schedule)).estimated is True


def _write(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "schedule.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_an_operator_schedule_file_is_loaded(tmp_path: Path) -> None:
    path = _write(tmp_path, {"2027": {"holidays": ["2027-01-01", "2027-01-11"], "workdays": ["2027-01-09"]}})
    assert load_operator_schedule(path) == SCHEDULE_2027


def test_a_year_without_lists_covers_the_year_with_weekends_only(tmp_path: Path) -> None:
    assert load_operator_schedule(_write(tmp_path, {"2027": {}})) == OperatorSchedule(years=frozenset({2027}))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        (["2027-01-01"], "object keyed by year"),
        ({"27": {}}, "'27' is not a year"),
        ({"2027": ["2027-01-01"]}, "year 2027 must map to"),
        ({"2027": {"holiday": []}}, "unknown key 'holiday'"),
        ({"2027": {"holidays": "2027-01-01"}}, "2027.holidays must be a list"),
        ({"2027": {"holidays": ["2027-02-30"]}}, "'2027-02-30' is not a date in 2027"),
        ({"2027": {"workdays": ["2028-01-01"]}}, "'2028-01-01' is not a date in 2027"),
        ({"2027": {"workdays": [20270101]}}, "20270101 is not a date in 2027"),
        ({"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-01-01"]}}, "both as a holiday and as a workday"),
    ],
)
def test_a_malformed_schedule_file_names_the_bad_entry(tmp_path: Path, content: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_operator_schedule(_write(tmp_path, content))
