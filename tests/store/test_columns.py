"""UTCDateTime's one-call SQLite processor (gateway/store/columns.py) reads what the chain of
processors read: SQLite's DATETIME, then `process_result_value`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.types import TypeDecorator

from gateway.store.columns import UTCDateTime

Process = Callable[[Any], Any]
SQLITE = sqlite.dialect()
COLUMN = cast(UTCDateTime, UTCDateTime().dialect_impl(SQLITE))
ONE_CALL = cast(Process, COLUMN.result_processor(SQLITE, None))
CHAIN = cast(Process, TypeDecorator.result_processor(COLUMN, SQLITE, None))
STORE = cast(Process, COLUMN.bind_processor(SQLITE))


def read_both(value: Any) -> tuple[Any, Any]:
    answers = []
    for process in (ONE_CALL, CHAIN):
        try:
            answers.append(process(value))
        except Exception as exc:  # the same refusal, worded the same, is the same answer
            answers.append((type(exc), str(exc)))
    return answers[0], answers[1]


@given(st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-3))])))
def test_a_time_stored_by_sqlalchemy_reads_back_the_same_either_way(moment: datetime) -> None:
    stored = STORE(moment)
    one_call, chain = read_both(stored)
    assert one_call == chain == moment
    assert one_call.tzinfo is UTC and chain.tzinfo is UTC


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "2026-12-05 12:44:35",  # no microseconds: not the stored length
        "2026-12-05T12:44:35.922682",  # the ISO separator
        "2026-12-05 12:44:35.922+08",  # the stored length, with an offset of its own
        "2026-12-05 12:44:35.92268Z",
        "2026-13-05 12:44:35.922682",  # no thirteenth month: both refuse alike
        "not a time at all, really!",
        1733402675,  # a number: SQLite's DATETIME passes it through
    ],
)
def test_an_odd_stored_value_reads_as_the_chain_reads_it(stored: Any) -> None:
    one_call, chain = read_both(stored)
    assert one_call == chain


def test_other_databases_keep_the_chain() -> None:
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    processed = cast(Process, UTCDateTime().dialect_impl(dialect).result_processor(dialect, None))
    aware = datetime(2026, 12, 5, 20, 44, 35, tzinfo=timezone(timedelta(hours=8)))
    assert processed(aware) == aware and processed(aware).tzinfo is UTC
    with pytest.raises(AttributeError):  # no ISO text parsed there: asyncpg hands over datetimes
        processed("2026-12-05 12:44:35.922682")
