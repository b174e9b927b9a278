"""Waiting for work to happen: a condition polled until a deadline, never a bare sleep."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def wait_for(
    probe: Callable[[], Awaitable[T]], done: Callable[[T], bool], within: float, interval: float = 0.1
) -> T:
    """Call `probe` until `done(result)` holds; fail with the last result when `within` seconds pass."""
    deadline = time.monotonic() + within
    while True:
        result = await probe()
        if done(result):
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within}s; last: {result!r}"[:4000])
        await asyncio.sleep(interval)
