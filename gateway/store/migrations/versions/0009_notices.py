"""notices: SMS to the family at each milestone, a second contact, and the choice to receive none

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 00:00:00

A notice is one row per message and recipient; a NOTICE job (the outbox) names it. Cases gain the
optional second contact (the phone encrypted, like the applicant's) and `notices_enabled` (existing
cases: on, as the family never chose otherwise).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import gateway.store.columns

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notices",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("case_id", sa.String(length=36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("milestone", sa.String(length=32), nullable=False),
        sa.Column("recipient", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", gateway.store.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", gateway.store.columns.UTCDateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.String(length=80), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_index("ix_notices_case_id", "notices", ["case_id"])
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("notices_enabled", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch.add_column(sa.Column("contact_name", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("contact_phone", sa.Text(), nullable=True))  # sealed: Encrypted
    with op.batch_alter_table("dispatch_jobs") as batch:
        batch.add_column(sa.Column("notice_id", sa.String(length=36), nullable=True))
        batch.create_foreign_key("fk_dispatch_jobs_notice_id", "notices", ["notice_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("dispatch_jobs") as batch:
        batch.drop_constraint("fk_dispatch_jobs_notice_id", type_="foreignkey")
        batch.drop_column("notice_id")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("contact_phone")
        batch.drop_column("contact_name")
        batch.drop_column("notices_enabled")
    op.drop_index("ix_notices_case_id", table_name="notices")
    op.drop_table("notices")
