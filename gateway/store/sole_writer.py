"""One process per SQLite database: the embedded default's promise, kept with a lock file.

SQLite takes one writer at a time anyway; holding the whole database lets this process trust what
it has seen commit (gateway/store/versions.py). A second gateway or worker on the same file is refused
with the reason; several processes belong on PostgreSQL.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gateway.store.files import make_private


class AnotherWriter(RuntimeError):
    pass


def sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite") or ":///" not in url:
        return None
    path = url.split(":///", 1)[1].split("?", 1)[0]
    return None if path in ("", ":memory:") else Path(path)


@contextmanager
def sole_writer(url: str) -> Iterator[bool]:
    """Yields True when this process holds the database alone (SQLite), False for a server database."""
    path = sqlite_path(url)
    if path is None:
        yield False
        return
    make_private(path)
    descriptor = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AnotherWriter(
                f"another gateway process is using {path}; run several processes on PostgreSQL (DATABASE_URL)"
            ) from None
        yield True
    finally:
        os.close(descriptor)
