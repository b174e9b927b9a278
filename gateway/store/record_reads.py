"""Reading records (records.py): SELECTs built once, and for one case, run on the driver's cursor.

A status read asks for one case's rows four times (the case, its items, certificates and
timeline). Through SQLAlchemy each costs about 210 µs on SQLite where the driver spends 50: the
statement's cache key, an execution context, a result object and its row wrappers, all rebuilt per
statement. For one case the statement is compiled once per dialect and run on the driver's own
cursor, without SQLAlchemy's greenlet where the driver allows: on PostgreSQL as asyncpg's own
prepared statement on a pooled connection, awaited on the loop; on SQLite on the loop's own read
connection (inline_sqlite.py `LoopReads`), which answers at once and is borrowed from no pool.
Each value is then passed through its column type's own result processor (dates, money, JSON,
decryption), so a record holds what SQLAlchemy would have given it (tests/store/test_record_reads.py
compares both on SQLite and PostgreSQL). Several cases, and reads inside a write's session, go
through SQLAlchemy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, bindparam, select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from gateway.store.inline_sqlite import LoopReads
from gateway.store.records import RECORD_OF

R = TypeVar("R")
# Records are read alike in a write's session, on a pooled connection and on SQLite's loop connection.
Reader = AsyncSession | AsyncConnection | LoopReads


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positional: bool
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]  # (column, its processor): the columns that have one


@dataclass(frozen=True)
class OneCase:
    """A SELECT of one case's rows, its id bound `= :id`: compiled once per dialect and run on the
    driver's cursor where the reader has one (above), through SQLAlchemy in a write's session."""

    statement: Select[*tuple[Any, ...]]
    _compiled: dict[Dialect, _Compiled] = field(default_factory=dict, compare=False)

    async def rows(self, reader: Reader, case_id: str) -> Sequence[Sequence[Any]]:
        if isinstance(reader, LoopReads):
            return self._on_cursor(reader.cursor(), reader.dialect, case_id)  # on the loop's thread: no greenlet
        if isinstance(reader, AsyncConnection) and reader.dialect.name == "postgresql":
            return await self._on_asyncpg(reader, case_id)
        if isinstance(reader, AsyncConnection):
            return await reader.run_sync(
                lambda synced: self._on_cursor(synced.connection.cursor(), synced.dialect, case_id)
            )
        return list(await reader.execute(self.statement, {"id": case_id}))

    def _on_cursor(self, cursor: Any, dialect: Dialect, case_id: str) -> Sequence[Sequence[Any]]:
        """A DBAPI cursor of the case's connection: the statement runs and its rows are fetched."""
        compiled = self._compiled.get(dialect) or self._compile(dialect)
        try:
            cursor.execute(compiled.sql, (case_id,) if compiled.positional else {"id": case_id})
            found = cursor.fetchall()
        finally:
            cursor.close()
        return _processed(compiled, found)

    async def _on_asyncpg(self, connection: AsyncConnection, case_id: str) -> Sequence[Sequence[Any]]:
        """asyncpg's own prepared statement, awaited on the loop: SQLAlchemy's adapter would run
        the same statement from a greenlet, through a DBAPI cursor made and closed for it."""
        compiled = self._compiled.get(connection.dialect) or self._compile(connection.dialect)
        return _processed(compiled, await fetch_on_asyncpg(connection, compiled.sql, case_id))

    def _compile(self, dialect: Dialect) -> _Compiled:
        statement = self.statement.compile(dialect=dialect)
        processors = tuple(
            (place, process)
            for place, column in enumerate(self.statement.selected_columns)
            if (process := column.type.dialect_impl(dialect).result_processor(dialect, None)) is not None
        )
        compiled = self._compiled[dialect] = _Compiled(statement.string, dialect.positional, processors)
        return compiled


@dataclass(frozen=True)
class ByCases(Generic[R]):
    """A record's rows of some cases: `key` names the case (`case_id`, or `id` for the cases
    themselves). One case binds `= ?`; several an expanding IN, rendered anew on every execution."""

    record: type[R]
    one: OneCase
    many: Select[Any]
    key: int  # the case's id: its place in a row

    @classmethod
    def of(cls, record: type[R], key: str = "case_id", order_by: str | None = None) -> ByCases[R]:
        table = RECORD_OF[record].__table__
        names: list[str] = list(record._fields)  # type: ignore[attr-defined]
        query = select(*(table.c[name] for name in names))
        if order_by:
            query = query.order_by(table.c[order_by])
        one = query.where(table.c[key] == bindparam("id"))
        many = query.where(table.c[key].in_(bindparam("ids", expanding=True)))
        return cls(record, OneCase(one), many, names.index(key))

    async def read(self, reader: Reader, ids: Sequence[str]) -> dict[str, list[R]]:
        rows: Any
        if len(ids) == 1:
            rows = await self.one.rows(reader, ids[0])
        elif isinstance(reader, LoopReads):  # several: an IN rendered anew, through SQLAlchemy
            async with reader.engine.connect() as connection:
                rows = list(await connection.execute(self.many, {"ids": list(ids)}))
        else:
            rows = await reader.execute(self.many, {"ids": list(ids)})
        grouped: dict[str, list[R]] = defaultdict(list)
        made, key = self.record._make, self.key  # type: ignore[attr-defined]
        for row in rows:
            grouped[row[key]].append(made(row))
        return grouped


async def fetch_on_asyncpg(connection: AsyncConnection, sql: str, *arguments: Any) -> Sequence[Sequence[Any]]:
    """`sql` (compiled for asyncpg: $1, $2 …) as asyncpg's own prepared statement, kept in the
    connection's statement cache, on a connection borrowed from SQLAlchemy's pool."""
    driver: Any = (await connection.get_raw_connection()).driver_connection  # asyncpg's own connection
    rows: Sequence[Sequence[Any]] = await driver.fetch(sql, *arguments)
    return rows


def _processed(compiled: _Compiled, found: Sequence[Sequence[Any]]) -> Sequence[Sequence[Any]]:
    """Each value through its column type's result processor, as SQLAlchemy would pass it."""
    if not compiled.processors:
        return found
    processed: list[list[Any]] = []
    for row in found:
        values = list(row)
        for column, process in compiled.processors:
            values[column] = process(values[column])
        processed.append(values)
    return processed


@dataclass(frozen=True)
class ForAnyIds:
    """A SELECT of any number of cases by `= ANY(:ids)`, one text for any count of ids, so asyncpg
    prepares it once per connection; its text compiled once per driver."""

    statement: Select[*tuple[Any, ...]]
    _texts: dict[str, str] = field(default_factory=dict, compare=False)

    async def rows(self, connection: AsyncConnection, ids: Sequence[str]) -> Sequence[Sequence[Any]]:
        dialect = connection.dialect
        sql = self._texts.get(dialect.driver)
        if sql is None:
            sql = self._texts[dialect.driver] = self.statement.compile(dialect=dialect).string
        return await fetch_on_asyncpg(connection, sql, list(ids))
