"""The overdue rule (gateway/domain/deadlines.py), the one the `overdue` field and the `overdueOnly` filter share."""

from datetime import date

import pytest

from gateway.domain.deadlines import is_overdue, overdue_rule
from gateway.domain.status import OPEN_AT_AGENCY, ItemStatus

DUE = date(2026, 10, 8)
S = ItemStatus


@pytest.mark.parametrize(
    ("status", "deadline", "today", "overdue"),
    [
        (S.DISPATCHED, DUE, date(2026, 10, 9), True),
        (S.ACCEPTED, DUE, date(2026, 10, 9), True),
        (S.FAILED, DUE, date(2026, 10, 9), True),
        (S.DISPATCHED, DUE, DUE, False),  # the due day itself is not late
        (S.DISPATCHED, DUE, date(2026, 10, 7), False),
        (S.COMPLETED, DUE, date(2026, 10, 9), False),
        (S.REJECTED, DUE, date(2026, 10, 9), False),
        (S.DISPATCHED, None, date(2026, 10, 9), False),  # no deadline: nothing to be late for
    ],
)
def test_an_item_is_overdue_only_while_open_at_its_agency_after_its_due_day(
    status: ItemStatus, deadline: date | None, today: date, overdue: bool
) -> None:
    assert is_overdue(status, deadline, today) is overdue


@pytest.mark.parametrize("status", sorted(set(ItemStatus) - OPEN_AT_AGENCY))
def test_an_item_not_yet_sent_or_already_answered_is_never_overdue(status: ItemStatus) -> None:
    assert is_overdue(status, DUE, date(2030, 1, 1)) is False


def test_the_rule_the_sql_filter_applies_is_the_same_one() -> None:
    rule = overdue_rule(date(2026, 10, 9))
    assert rule.statuses == OPEN_AT_AGENCY
    assert rule.before == date(2026, 10, 9)
