"""materials: the family's uploaded papers, one per kind and case, sealed at rest

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 00:20:00

Plan 四(一) 一套材料: each paper once, sent to every agency whose item needs it. The bytes are a
Fernet token (like the personal columns); the sha256 is of the plain bytes, for the agencies.
Cases gain the conditional papers a clerk asked for at pre-review.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "materials",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("case_id", sa.String(length=36), sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=80), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("case_id", "kind", name="uq_materials_case_kind"),
    )
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("requested_materials", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("requested_materials")
    op.drop_table("materials")
