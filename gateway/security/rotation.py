"""`python -m gateway rotate-keys`: re-encrypt every sealed value under the primary key, and
recompute the look-up digests with the current digest key (docs/SECURITY.md, key rotation).

Works on the stored tokens directly (MultiFernet.rotate), so it needs every old key configured
behind the new one until it has finished; then the old keys can go.
"""

from __future__ import annotations

import sqlalchemy as sa

from gateway.security.crypto import Keyring
from gateway.store.db import Database

SEALED = (
    "applicant_id_number",
    "deceased_id_number",
    "applicant_phone",
    "payout_account_name",
    "payout_account_number",
)
BATCH = 500
cases = sa.table(
    "cases",
    sa.column("seq", sa.Integer),
    sa.column("applicant_id_digest", sa.String),
    sa.column("deceased_id_digest", sa.String),
    *(sa.column(name, sa.Text) for name in SEALED),  # plain Text: the raw tokens, not the ORM's plaintext
)


def resealed(keyring: Keyring, row: sa.Row[tuple[object, ...]]) -> dict[str, object]:
    values: dict[str, object] = {n: keyring.rotate(str(v)) if (v := getattr(row, n)) else v for n in SEALED}
    values["applicant_id_digest"] = keyring.digest(keyring.decrypt(str(row.applicant_id_number)))
    values["deceased_id_digest"] = keyring.digest(keyring.decrypt(str(row.deceased_id_number)))
    return values


async def rotate_keys(db: Database) -> int:
    """Rows rewritten; in batches, each its own transaction, so a long run holds no lock for long."""
    done, last = 0, -1
    while True:
        async with db.writing() as session:
            query = sa.select(cases).where(cases.c.seq > last).order_by(cases.c.seq).limit(BATCH)
            rows = (await session.execute(query)).all()
            for row in rows:
                await session.execute(
                    sa.update(cases).where(cases.c.seq == row.seq).values(**resealed(db.keyring, row))
                )
        if not rows:
            return done
        done, last = done + len(rows), rows[-1].seq
