"""Rows nobody waits for (the access log), written as one statement per hundred rows.

SQLAlchemy's executemany hands the rows to sqlite3 one by one: each row's values are bound while
holding the GIL and stepped without it, so a flush of 500 rows passes the GIL between SQLite's
thread and the event loop about a thousand times, and every pass can keep the loop waiting for a
switch interval. Under a load of cached reads (one access-log row each) that cost a tenth of the
throughput and put 60 ms on p99. One multi-row INSERT binds a hundred rows at once and steps once.
On PostgreSQL it spares the ORM's per-row bookkeeping on the event loop (a few per cent of cached
reads). Each value still goes through its column type's bind processor, so the stored row is what
SQLAlchemy would have stored (tests/store/test_appending.py compares both, on both databases).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.engine import Dialect

ROWS_PER_STATEMENT = 100  # 100 × a handful of columns stays far below SQLite's oldest limit of 999 values


def insert_at_once(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Every row must name the same columns (as the access log's do)."""
    if not rows:
        return
    names = tuple(rows[0])
    processors = _bind_processors(connection.dialect, table, names)
    cursor = connection.connection.cursor()
    try:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            values: list[Any] = []
            for row in chunk:
                values.extend(row[n] if p is None else p(row[n]) for n, p in zip(names, processors, strict=True))
            cursor.execute(_statement(connection.dialect, table.name, names, len(chunk)), values)
    finally:
        cursor.close()


def _bind_processors(dialect: Dialect, table: Table, names: tuple[str, ...]) -> list[Callable[[Any], Any] | None]:
    return [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]


@lru_cache(maxsize=64)
def _statement(dialect: Dialect, table: str, names: tuple[str, ...], count: int) -> str:
    quote, width = dialect.identifier_preparer.quote, len(names)
    if dialect.paramstyle == "qmark":  # sqlite3
        rows = ["(" + ",".join("?" * width) + ")"] * count
    elif dialect.paramstyle == "numeric_dollar":  # asyncpg
        rows = ["(" + ",".join(f"${r * width + c + 1}" for c in range(width)) + ")" for r in range(count)]
    else:
        raise NotImplementedError(f"multi-row INSERT for the {dialect.paramstyle} parameter style")
    return f"INSERT INTO {quote(table)} ({','.join(map(quote, names))}) VALUES " + ",".join(rows)
