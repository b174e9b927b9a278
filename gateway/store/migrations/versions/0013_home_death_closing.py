"""home deaths closed unconfirmed: withdrawn by the committee that filed the report, or declined by
the health centre, each with who, when and why

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 01:45:00

The reason is staff-written, like the confirmation note: plain text.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("home_death_reports") as batch:
        batch.add_column(sa.Column("closed_by", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("close_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("home_death_reports") as batch:
        batch.drop_column("close_reason")
        batch.drop_column("closed_at")
        batch.drop_column("closed_by")
