"""a case knows whether its applicant's relationship is verified and which region the register names;
an endpoint may be registered disabled

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:00:00

`relationship_verified`: the police register lists the applicant as a near relative, or a clerk
approved the case after checking the papers. Until then the family sees none of what the registers
hold. Cases already approved (in progress or finished) were verified by that approval.
`registered_region_code`: the deceased's household region as the police register gives it; it,
not the form, decides which clerks handle the case. `agency_endpoints.enabled`: a disabled
endpoint is kept but never routed to.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPROVED = ("IN_PROGRESS", "PARTIALLY_COMPLETED", "COMPLETED")


def upgrade() -> None:
    op.add_column("cases", sa.Column("relationship_verified", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("cases", sa.Column("registered_region_code", sa.String(length=6), nullable=True))
    op.add_column("agency_endpoints", sa.Column("enabled", sa.Boolean(), nullable=False, server_default=sa.true()))
    cases = sa.table("cases", sa.column("status", sa.String()), sa.column("relationship_verified", sa.Boolean()))
    op.execute(cases.update().where(cases.c.status.in_(APPROVED)).values(relationship_verified=True))


def downgrade() -> None:
    with op.batch_alter_table("agency_endpoints") as batch:
        batch.drop_column("enabled")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("registered_region_code")
        batch.drop_column("relationship_verified")
