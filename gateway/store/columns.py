"""Column types that keep money and time exact on every database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

CENTS = Decimal("0.01")
STORED_LENGTH = len("2026-12-05 12:44:35.922682")  # SQLAlchemy's SQLite DATETIME text


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware in, timezone-aware out, stored as UTC (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: timestamps must carry an offset")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], datetime | None] | None:
        """On SQLite a stored time is naive ISO text, as SQLAlchemy writes it (microseconds always):
        parsed with its offset appended, which is what the chain of processors (SQLite's DATETIME,
        then `process_result_value`) gives, where `replace(tzinfo=...)` alone cost about 0.9 µs.
        A status read holds about 80 such times (tests/store/test_columns.py holds both alike)."""
        chained = super().result_processor(dialect, coltype)
        if dialect.name != "sqlite" or chained is None:
            return chained
        general = chained

        def process(value: Any) -> datetime | None:
            if type(value) is str and len(value) == STORED_LENGTH:
                try:
                    return datetime.fromisoformat(value + "+00:00")
                except ValueError:
                    pass  # not the stored form: the chain parses it, or says why not
            return general(value)

        return process


class Money(TypeDecorator[Decimal]):
    """Yuan as a Decimal with two places, stored as whole fen: exact on every database."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        fen = value * 100
        if fen != fen.to_integral_value():
            raise ValueError(f"amount {value} has more than two decimal places")
        return int(fen)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else (Decimal(value) / 100).quantize(CENTS)
