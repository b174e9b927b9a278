"""Time as the gateway sees it: stored in UTC, dated and shown in China Standard Time."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # no daylight saving since 1991

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def china_date(moment: datetime) -> date:
    return moment.astimezone(CHINA).date()


async def wait_at_most(event: asyncio.Event, seconds: float | None) -> None:
    """Until the event is set or the seconds have passed (None: no limit).

    Not `asyncio.wait_for`: on Python 3.11 it can swallow a cancel that arrives as its wait ends
    (cpython gh-86296, fixed in 3.12), and a loop being stopped then sleeps on, so the stop never
    ends. `asyncio.timeout` tells its own expiry from a cancel."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await event.wait()
