"""`python -m gateway rotate-keys`: re-encrypt every sealed value under the primary key, and
recompute the look-up digests with the current digest key (docs/SECURITY.md, key rotation).

Works on the stored tokens directly (MultiFernet.rotate), so it needs every old key configured
behind the new one until it has finished; then the old keys can go.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from gateway.security.crypto import Keyring
from gateway.store.db import Database

BATCH = 500


@dataclass(frozen=True)
class SealedTable:
    """A table's sealed columns, and the digests kept beside some of them (digest column: sealed column)."""

    name: str
    sealed: tuple[str, ...]
    digests: dict[str, str]

    def table(self) -> sa.TableClause:
        # Plain Text: the raw tokens, not the ORM's plaintext.
        digests = (sa.column(name, sa.String) for name in self.digests)
        return sa.table(
            self.name, sa.column("seq", sa.Integer), *digests, *(sa.column(n, sa.Text) for n in self.sealed)
        )


CASES = SealedTable(
    "cases",
    ("applicant_id_number", "deceased_id_number", "applicant_phone", "payout_account_name", "payout_account_number"),
    {"applicant_id_digest": "applicant_id_number", "deceased_id_digest": "deceased_id_number"},
)
HOME_DEATHS = SealedTable(
    "home_death_reports",
    ("deceased_id_number", "contact_id_number", "contact_phone"),
    {"deceased_id_digest": "deceased_id_number", "contact_id_digest": "contact_id_number"},
)
SEALED_TABLES = (CASES, HOME_DEATHS)


def resealed(keyring: Keyring, spec: SealedTable, row: sa.Row[tuple[object, ...]]) -> dict[str, object]:
    values: dict[str, object] = {n: keyring.rotate(str(v)) if (v := getattr(row, n)) else v for n in spec.sealed}
    for digest, sealed in spec.digests.items():
        values[digest] = keyring.digest(keyring.decrypt(str(getattr(row, sealed))))
    return values


async def rotate_keys(db: Database) -> int:
    """Rows rewritten, in every table holding sealed values."""
    return sum([await _rotate_table(db, spec) for spec in SEALED_TABLES]) + await _rotate_materials(db)


async def _rotate_materials(db: Database) -> int:
    """The family's uploaded papers: sealed bytes, keyed by a string id, no digests beside them."""
    table = sa.table("materials", sa.column("id", sa.String), sa.column("content", sa.LargeBinary))
    done, last = 0, ""
    while True:
        async with db.writing() as session:
            query = sa.select(table).where(table.c.id > last).order_by(table.c.id).limit(BATCH)
            rows = (await session.execute(query)).all()
            for row in rows:
                resealed_content = db.keyring.rotate_bytes(bytes(row.content))
                await session.execute(sa.update(table).where(table.c.id == row.id).values(content=resealed_content))
        if not rows:
            return done
        done, last = done + len(rows), rows[-1].id


async def _rotate_table(db: Database, spec: SealedTable) -> int:
    """In batches, each its own transaction, so a long run holds no lock for long."""
    table, done, last = spec.table(), 0, -1
    while True:
        async with db.writing() as session:
            query = sa.select(table).where(table.c.seq > last).order_by(table.c.seq).limit(BATCH)
            rows = (await session.execute(query)).all()
            for row in rows:
                await session.execute(
                    sa.update(table).where(table.c.seq == row.seq).values(**resealed(db.keyring, spec, row))
                )
        if not rows:
            return done
        done, last = done + len(rows), rows[-1].seq
