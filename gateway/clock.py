"""Time as the gateway sees it: stored in UTC, dated and shown in China Standard Time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # no daylight saving since 1991

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def china_date(moment: datetime) -> date:
    return moment.astimezone(CHINA).date()
