"""Checking cached answers against the database (gateway/store/versions.py): reads that ask at the
same moment ask in one query, and each still hears only about its own cases."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from gateway.store import versions
from gateway.store.versions import VersionBook

HELD = {"a": 3, "b": 5, "c": 1}


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    asked: list[list[str]] = []

    async def case_versions(_db: object, ids: Sequence[str]) -> dict[str, int]:
        asked.append(list(ids))
        await asyncio.sleep(0)  # a round trip to the database
        return {i: HELD[i] for i in ids if i in HELD}

    monkeypatch.setattr(versions, "case_versions", case_versions)
    return asked


async def test_reads_asking_at_once_ask_in_one_query_and_each_hears_its_own_cases(queries: list[list[str]]) -> None:
    book = VersionBook(db=None, authoritative=False)  # type: ignore[arg-type]
    asks = [["a"], ["b"], ["a", "c"], ["gone"], ["a"]] * 6
    answers = await asyncio.gather(*(book.current(ids) for ids in asks))
    assert queries == [["a", "b", "c", "gone"]]
    assert answers[:5] == [{"a": 3}, {"b": 5}, {"a": 3, "c": 1}, {}, {"a": 3}]


async def test_a_read_after_an_answer_asks_again_never_reusing_it(queries: list[list[str]]) -> None:
    book = VersionBook(db=None, authoritative=False)  # type: ignore[arg-type]
    assert await book.current(["a"]) == {"a": 3}
    HELD["a"] = 4
    try:
        assert await book.current(["a"]) == {"a": 4}  # another process changed it meanwhile
    finally:
        HELD["a"] = 3
    assert queries == [["a"], ["a"]]
