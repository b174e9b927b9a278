"""One process per SQLite database, and what it may then trust about case versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.store.sole_writer import AnotherWriter, sole_writer
from gateway.store.versions import VersionBook


def test_a_second_writer_on_one_sqlite_file_is_refused_with_the_reason(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'gateway.sqlite3'}"
    with sole_writer(url) as alone:
        assert alone is True
        with pytest.raises(AnotherWriter, match="PostgreSQL"), sole_writer(url):
            pass
    with sole_writer(url) as again:  # released when the first one stops
        assert again is True


def test_a_server_database_is_never_held_alone() -> None:
    with sole_writer("postgresql+asyncpg://postgres@127.0.0.1/test") as alone:
        assert alone is False


def test_a_version_once_seen_never_goes_back() -> None:
    book = VersionBook(db=None, authoritative=True)  # type: ignore[arg-type]
    book.note({"case": 7})
    book.note({"case": 6})  # a reader that looked before the last commit
    assert book._latest == {"case": 7}
