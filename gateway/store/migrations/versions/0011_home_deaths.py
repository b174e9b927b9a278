"""home deaths: a committee's report of a death outside a hospital, and the case that takes it over

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 00:00:00

Plan 二: the village or residents' committee reports, the health centre confirms with the family,
then the medical death certificate is issued. Personal columns are sealed like the cases' (Text
holding Fernet tokens); digests serve the look-ups.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "home_death_reports",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(length=36), nullable=False, unique=True),
        sa.Column("status", sa.String(length=12), nullable=False, index=True),
        sa.Column("region_code", sa.String(length=6), nullable=False, index=True),
        sa.Column("deceased_name", sa.String(length=64), nullable=False),
        sa.Column("deceased_id_number", sa.Text(), nullable=False),
        sa.Column("deceased_id_digest", sa.String(length=64), nullable=False, index=True),
        sa.Column("death_date", sa.Date(), nullable=False),
        sa.Column("death_place", sa.String(length=200), nullable=False),
        sa.Column("committee_name", sa.String(length=100), nullable=False),
        sa.Column("contact_name", sa.String(length=64), nullable=False),
        sa.Column("contact_id_number", sa.Text(), nullable=False),
        sa.Column("contact_id_digest", sa.String(length=64), nullable=False, index=True),
        sa.Column("contact_phone", sa.Text(), nullable=False),
        sa.Column("reported_by", sa.String(length=64), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_by", sa.String(length=64), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmation_note", sa.Text(), nullable=True),
    )
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("home_death_report_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("home_death_confirmed", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.create_index("ix_cases_home_death_report_id", ["home_death_report_id"])


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_home_death_report_id")
        batch.drop_column("home_death_confirmed")
        batch.drop_column("home_death_report_id")
    op.drop_table("home_death_reports")
