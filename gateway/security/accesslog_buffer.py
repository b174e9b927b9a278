"""Access-log entries wait here a moment and go in one insert, so a read costs no write of its own."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from gateway.clock import wait_at_most
from gateway.store.db import Database
from gateway.store.models import AccessLogRow

log = logging.getLogger(__name__)


class AccessLogBuffer:
    """Entries wait here a moment and go in one insert: a read must not cost a write of its own.

    A crash loses at most `interval_seconds` of entries; reading the log flushes first.
    """

    def __init__(self, db: Database, interval_seconds: float = 0.25, max_rows: int = 500) -> None:
        self._db, self._interval, self._max = db, interval_seconds, max_rows
        self._rows: list[dict[str, Any]] = []
        self._pending = asyncio.Event()
        self._full = asyncio.Event()
        self._writing: asyncio.Task[None] | None = None  # the batch `run` is writing, if any

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self._rows.extend(rows)
        if self._rows:
            self._pending.set()
        if len(self._rows) >= self._max:
            self._full.set()

    async def flush(self) -> None:
        """Everything noted so far is written when this returns, the batch `run` was writing
        included: a stop that disposes of the database next must not pull it from under that write."""
        if self._writing is not None:
            await asyncio.wait([self._writing])
        rows, self._rows = self._rows, []
        if rows:
            await self._db.append(AccessLogRow, rows)

    async def run(self) -> None:
        while True:
            await self._pending.wait()  # an idle gateway sleeps here: nothing noted, nothing to write
            await wait_at_most(self._full, self._interval)
            self._pending.clear()
            self._full.clear()
            rows, self._rows = self._rows, []
            # Shielded: a stop that cancels this loop mid-write must not leave the write's
            # transaction (and SQLite's lock) open, nor drop the entries it took; `flush` waits for it.
            self._writing = asyncio.create_task(self._write(rows))
            await asyncio.shield(self._writing)

    async def _write(self, rows: list[dict[str, Any]]) -> None:
        try:
            await self._db.append(AccessLogRow, rows)
        except Exception:  # keep the entries' loss visible in the log, never stop serving
            log.exception("could not write the access log")
