"""ratings and supervision: 好差评 of finished cases, and indexes for the supervisors' statistics

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-04 23:55:00

A rating names its case only (the applicant is the case's, shown to admins alone); its comment is
sealed like other personal data. Statistics group items by agency and cases by region over a range
of submission times: the composite index lets those aggregates read items without the table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import gateway.security.crypto
import gateway.store.columns

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ratings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=6), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", gateway.security.crypto.Encrypted(), nullable=True),
        sa.Column("rated_at", gateway.store.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id"),
    )
    op.create_index("ix_ratings_region_code", "ratings", ["region_code"])
    op.create_index("ix_ratings_rated_at", "ratings", ["rated_at"])
    op.create_table(
        "rating_agency_scores",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rating_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["rating_id"], ["ratings.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("rating_id", "agency", name="uq_rating_agency_scores_rating_agency"),
    )
    op.create_index("ix_rating_agency_scores_case_id", "rating_agency_scores", ["case_id"])
    op.create_index("ix_rating_agency_scores_agency", "rating_agency_scores", ["agency"])
    op.create_index("ix_case_items_statistics", "case_items", ["case_id", "agency", "status", "deadline", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_case_items_statistics", table_name="case_items")
    op.drop_table("rating_agency_scores")
    op.drop_table("ratings")
