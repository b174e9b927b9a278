"""Working days between two days and percentiles over counted durations: the figures SQL cannot give."""

from __future__ import annotations

from datetime import date

from gateway.domain.deadlines import add_working_days
from gateway.domain.statistics import (
    WorkingDayCounter,
    percentile,
    suppressed,
    top_reasons,
)


def test_working_days_between_agree_with_how_deadlines_are_counted() -> None:
    start = date(2026, 9, 28)  # the week before the National Day holiday and its make-up days
    counter = WorkingDayCounter(start, date(2026, 11, 30))
    for days in range(0, 30):
        assert counter.between(start, add_working_days(start, days).due) == days


def test_an_item_done_the_day_it_went_out_took_no_working_day() -> None:
    counter = WorkingDayCounter(date(2026, 11, 1), date(2026, 11, 10))
    assert counter.between(date(2026, 11, 2), date(2026, 11, 2)) == 0
    assert counter.between(date(2026, 11, 6), date(2026, 11, 9)) == 1  # Friday to Monday: one


def test_the_running_count_gives_the_same_differences_as_between() -> None:
    counter = WorkingDayCounter(date(2026, 9, 28), date(2026, 10, 12))
    running = dict(counter.running())
    assert running[date(2026, 10, 12)] - running[date(2026, 9, 29)] == counter.between(
        date(2026, 9, 29), date(2026, 10, 12)
    )
    assert list(running) == [date(2026, 9, 28 + i) if i < 3 else date(2026, 10, i - 2) for i in range(15)]


def test_percentiles_take_the_nearest_rank_over_counted_values() -> None:
    assert percentile([(1, 1), (2, 1), (3, 1), (4, 1)], 0.5) == 2
    assert percentile([(7, 1), (1, 3), (5, 1), (2, 1), (4, 1)], 0.5) == 2
    assert percentile([(1, 9), (30, 1)], 0.9) == 1
    assert percentile([(1, 8), (30, 2)], 0.9) == 30
    assert percentile([], 0.5) is None


def test_the_top_reasons_are_the_most_frequent_with_ties_in_a_fixed_order() -> None:
    counted = {"乙": 2, "甲": 2, "丙": 5, "丁": 1}
    assert top_reasons(counted) == [("丙", 5), ("乙", 2), ("甲", 2)]


def test_a_group_below_the_threshold_is_suppressed() -> None:
    assert suppressed(4, 5) and not suppressed(5, 5)
