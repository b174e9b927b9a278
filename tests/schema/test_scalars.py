"""DateTime is written as strawberry writes it (`isoformat`), the quick way included (schema/scalars.py)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from gateway.clock import CHINA
from schema.scalars import moment_text

OTHER = dt.timezone(dt.timedelta(hours=5, minutes=30, seconds=7))


@given(st.datetimes(timezones=st.sampled_from([CHINA])))
def test_a_moment_in_china_time_is_written_as_isoformat_writes_it(moment: dt.datetime) -> None:
    assert moment_text(moment) == moment.isoformat()


@given(st.datetimes(timezones=st.sampled_from([None, dt.UTC, OTHER])))
def test_other_moments_are_written_by_isoformat_itself(moment: dt.datetime) -> None:
    assert moment_text(moment) == moment.isoformat()


def test_microseconds_are_written_only_where_there_are_some() -> None:
    assert moment_text(dt.datetime(2026, 12, 6, 8, 5, tzinfo=CHINA)) == "2026-12-06T08:05:00+08:00"
    assert moment_text(dt.datetime(2026, 12, 6, 8, 5, 1, 42, tzinfo=CHINA)) == "2026-12-06T08:05:01.000042+08:00"
    assert moment_text(dt.datetime(9, 1, 2, tzinfo=CHINA)) == "0009-01-02T00:00:00+08:00"
