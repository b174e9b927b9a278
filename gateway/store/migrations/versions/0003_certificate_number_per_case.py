"""a certificate number is unique per case, not overall

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 01:00:00

A later case for the same person (the first withdrawn, or a second one an operator allowed)
receives the same death certificate; the old global uniqueness made recording it fail. The
table is rebuilt (SQLite cannot drop an unnamed constraint in place) and its rows copied.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import gateway.store.columns

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = "id, case_id, item_id, kind, number, issuer, issued_at, holder_name, verification_code"


def _table(name: str, number_unique_per_case: bool) -> None:
    constraints: list[sa.Constraint] = [
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["item_id"], ["case_items.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id"),
    ]
    if number_unique_per_case:
        constraints.append(sa.UniqueConstraint("case_id", "number", name="uq_certificates_case_number"))
    else:
        constraints.append(sa.UniqueConstraint("number"))
    op.create_table(
        name,
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("number", sa.String(length=80), nullable=False),
        sa.Column("issuer", sa.String(length=120), nullable=False),
        sa.Column("issued_at", gateway.store.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("holder_name", sa.String(length=64), nullable=False),
        sa.Column("verification_code", sa.String(length=64), nullable=False),
        *constraints,
    )


def _rebuild(number_unique_per_case: bool) -> None:
    _table("certificates_rebuilt", number_unique_per_case)
    op.execute(f"INSERT INTO certificates_rebuilt ({COLUMNS}) SELECT {COLUMNS} FROM certificates")
    op.drop_index("ix_certificates_case_id", table_name="certificates")
    if number_unique_per_case is False:
        op.drop_index("ix_certificates_number", table_name="certificates")
    op.drop_table("certificates")
    op.rename_table("certificates_rebuilt", "certificates")
    op.create_index("ix_certificates_case_id", "certificates", ["case_id"], unique=False)
    if number_unique_per_case:
        op.create_index("ix_certificates_number", "certificates", ["number"], unique=False)


def upgrade() -> None:
    _rebuild(number_unique_per_case=True)


def downgrade() -> None:
    _rebuild(number_unique_per_case=False)
