"""whether the police register itself showed the applicant's relationship, apart from a clerk's approval

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 03:20:00

A clerk's approval lets a case go ahead, but it is not data sharing: an agency that needs proof of
the relationship (the notary, for a 特定关系人) still needs the paper, so the family must be asked
for it. Cases already on file count as shown by the register when they were verified without a
clerk's approval on their timeline.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("relationship_on_register", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute(
        "UPDATE cases SET relationship_on_register = relationship_verified WHERE NOT EXISTS "
        "(SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.type = 'APPROVED')"
    )


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("relationship_on_register")
