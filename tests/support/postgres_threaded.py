"""A fresh PostgreSQL database for tests whose thread already runs an event loop (playwright's sync API
does), made and dropped on a loop of its own in a helper thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager

from tests.support.postgres import fresh_database, postgres_url_or_skip


@contextmanager
def database_beside_a_running_loop() -> Iterator[str]:
    url = postgres_url_or_skip()
    loop, stack = asyncio.new_event_loop(), AsyncExitStack()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield asyncio.run_coroutine_threadsafe(stack.enter_async_context(fresh_database(url)), loop).result(30)
    finally:
        asyncio.run_coroutine_threadsafe(stack.aclose(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
