"""A status read's records come from the driver's cursor for one case (gateway/store/record_reads.py)
(on SQLite on the loop's thread, or through aiosqlite's thread on the writers' engine) and through
SQLAlchemy otherwise: all give the same records, on SQLite and on PostgreSQL, for
cases that went through the real dispatcher and mocks (dates, money, JSON, encrypted fields)."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.services import Services
from gateway.store import queries
from gateway.store.models import ItemRow
from gateway.store.record_reads import ByCases

READS: dict[str, ByCases[Any]] = {
    "cases": queries._CASES,
    "items": queries._ITEMS,
    "certificates": queries._CERTIFICATES,
    "events": queries._EVENTS,
}


@pytest.mark.parametrize("name", READS)
async def test_one_case_read_on_the_cursor_gives_what_sqlalchemy_gives(
    handled: tuple[Services, list[str]], name: str
) -> None:
    services, ids = handled
    read, compared = READS[name], 0
    for case_id in ids:
        async with services.db.record_reader() as reader:
            on_cursor = await read.read(reader, [case_id])
        async with services.db.reading() as session:
            through_sqlalchemy = await read.read(session, [case_id])
        async with services.db.engine.connect() as connection:  # SQLite: aiosqlite's thread, from a greenlet
            on_the_writers_cursor = await read.read(connection, [case_id])
        assert on_cursor == through_sqlalchemy == on_the_writers_cursor
        compared += len(on_cursor.get(case_id, []))
    assert compared > 0
    async with services.db.record_reader() as reader:
        several = await read.read(reader, ids)
    for case_id in ids:
        async with services.db.record_reader() as reader:
            assert (await read.read(reader, [case_id]))[case_id] == several[case_id]


async def test_a_json_column_reads_back_exactly_on_every_reader(handled: tuple[Services, list[str]]) -> None:
    """JSON columns are read by gateway/json_decoding.py: orjson would make 2**70 a float."""
    services, ids = handled
    stored = {"n": 2**70, "m": -(2**64), "x": 0.1, "text": "骨灰"}
    async with services.db.engine.begin() as connection:
        await connection.execute(
            ItemRow.__table__.update().where(ItemRow.case_id == ids[0]).values(result_data=stored)  # type: ignore[attr-defined]
        )
    async with services.db.record_reader() as reader:
        on_cursor = await queries._ITEMS.read(reader, [ids[0]])
    async with services.db.reading() as session:
        through_sqlalchemy = await queries._ITEMS.read(session, [ids[0]])
    for read in (on_cursor, through_sqlalchemy):
        for item in read[ids[0]]:
            assert item.result_data == stored and type(item.result_data["n"]) is int
