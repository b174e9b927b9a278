"""the plan, complete: where a non-normal death happened

Revision ID: 0007
Revises: 0004
Create Date: 2026-11-30 09:00:00

二: 《非正常死亡证明》 is issued by the police station of the household "或事发所在地": a case may
name the county where the death happened (a division code; NULL: the household's station).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("incident_region_code", sa.String(length=6), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("incident_region_code")
