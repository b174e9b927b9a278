"""The SQLite database is the gateway's alone: the file 0600, a directory we create 0700.

The file holds sealed personal data, but also the keyed digests, the timeline and the access log:
no other local user needs to read it. SQLite gives its -wal and -shm files the database file's
mode, so creating the file first (empty is a valid empty database) settles all three.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)
OTHERS = stat.S_IRWXG | stat.S_IRWXO
COMPANIONS = ("-wal", "-shm", "-journal", ".lock")
_warned: set[Path] = set()  # both the lock and the migration look; the operator hears it once


def make_private(database: Path) -> None:
    directory = database.parent
    if not directory.exists():
        directory.mkdir(mode=0o700, parents=True)
    elif directory.stat().st_mode & stat.S_IROTH and directory not in _warned:
        # An operator's directory is theirs to set; the file inside is ours, and is closed below.
        _warned.add(directory)
        log.warning("the database directory %s is world-readable; chmod 700 it", directory)
    if not database.exists():
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))
    for path in (database, *(Path(f"{database}{suffix}") for suffix in COMPANIONS)):
        if path.exists() and path.stat().st_mode & OTHERS:
            path.chmod(0o600)
