"""`python -m gateway rotate-keys`: re-encrypt every sealed value under the primary key, and
recompute the look-up digests with the current digest key (docs/SECURITY.md, key rotation).

Works on the stored tokens directly (MultiFernet.rotate), so it needs every old key configured
behind the new one until it has finished; then the old keys can go. Every sealed column of every
table is listed in `SEALED` (tests/security/test_rotation_coverage.py reads the models to check it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from gateway.security.crypto import Keyring
from gateway.store.case_documents import rotated_body
from gateway.store.db import Database

BATCH = 500
Row = sa.Row[tuple[object, ...]]


@dataclass(frozen=True)
class SealedTable:
    """A table's sealed columns, the digests kept beside some of them (digest column: sealed
    column), and the key its rows are walked by."""

    name: str
    key: str
    key_type: type[sa.types.TypeEngine[Any]] = sa.String
    sealed: tuple[str, ...] = ()  # Fernet text
    digests: dict[str, str] = field(default_factory=dict)
    sealed_bytes: tuple[str, ...] = ()  # Fernet bytes
    # Values sealed otherwise (a case's document, bound to its row): column -> its resealing.
    resealed_by: dict[str, Callable[[Keyring, Row], bytes]] = field(default_factory=dict)
    beside: dict[str, type[sa.types.TypeEngine[Any]]] = field(default_factory=dict)  # what they read too

    def table(self) -> sa.TableClause:
        # Plain types: the raw tokens, not the ORM's plaintext.
        columns: dict[str, type[sa.types.TypeEngine[Any]]] = (
            {self.key: self.key_type} | self.beside | dict.fromkeys(self.digests, sa.String)
        )
        columns |= dict.fromkeys(self.sealed, sa.Text) | dict.fromkeys(self.sealed_bytes, sa.LargeBinary)
        columns |= dict.fromkeys(self.resealed_by, sa.LargeBinary)
        return sa.table(self.name, *(sa.column(name, kind) for name, kind in columns.items()))

    def resealed(self, keyring: Keyring, row: Row) -> dict[str, object]:
        values: dict[str, object] = {n: keyring.rotate(str(v)) if (v := getattr(row, n)) else v for n in self.sealed}
        for name in self.sealed_bytes:
            values[name] = keyring.rotate_bytes(bytes(v)) if (v := getattr(row, name)) else v
        for name, reseal in self.resealed_by.items():
            values[name] = reseal(keyring, row)
        for digest, sealed in self.digests.items():
            values[digest] = keyring.digest(keyring.decrypt(str(getattr(row, sealed))))
        return values


SEALED = (
    SealedTable(
        "cases",
        "seq",
        sa.Integer,
        sealed=(
            *("applicant_id_number", "deceased_id_number", "applicant_phone"),
            *("payout_account_name", "payout_account_number", "contact_phone"),
        ),
        digests={"applicant_id_digest": "applicant_id_number", "deceased_id_digest": "deceased_id_number"},
    ),
    SealedTable(
        "home_death_reports",
        "seq",
        sa.Integer,
        sealed=("deceased_id_number", "contact_id_number", "contact_phone"),
        digests={"deceased_id_digest": "deceased_id_number", "contact_id_digest": "contact_id_number"},
    ),
    SealedTable("materials", "id", sealed_bytes=("content",)),  # the family's uploaded papers
    SealedTable("ratings", "id", sealed=("comment",)),
    SealedTable(
        "case_documents",
        "case_id",
        resealed_by={
            "body": lambda keyring, row: rotated_body(keyring, str(row.case_id), int(str(row.version)), row.body)
        },
        beside={"version": sa.Integer},
    ),
)


async def rotate_keys(db: Database) -> int:
    """Rows rewritten, in every table holding sealed values."""
    return sum([await _rotate_table(db, spec) for spec in SEALED])


async def _rotate_table(db: Database, spec: SealedTable) -> int:
    """In batches, each its own transaction, so a long run holds no lock for long."""
    table, done, last = spec.table(), 0, None
    key = table.c[spec.key]
    while True:
        async with db.writing() as session:
            query = sa.select(table).order_by(key).limit(BATCH)
            rows = (await session.execute(query if last is None else query.where(key > last))).all()
            for row in rows:
                values = spec.resealed(db.keyring, row)
                await session.execute(sa.update(table).where(key == getattr(row, spec.key)).values(**values))
        if not rows:
            return done
        done, last = done + len(rows), getattr(rows[-1], spec.key)
