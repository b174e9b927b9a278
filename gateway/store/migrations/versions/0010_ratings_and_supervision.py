"""ratings and supervision: 好差评 of finished cases, and indexes for the supervisors' statistics

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 23:55:00

A rating names its case only (the applicant is the case's, shown to admins alone); its comment is
sealed like other personal data. Statistics group items by agency and cases by region over a range
of submission times: the composite index lets those aggregates read items without the table, and the
statistics on the clerks' region (registered, else declared) tell PostgreSQL how many cases a
region prefix holds: without them it guesses one row in two hundred and plans a province's
aggregates as 100,000 nested index look-ups (scripts/bench_statistics.py). Statistics are not part
of the models, which the schema comparison reads: this migration alone keeps them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import gateway.security.crypto
import gateway.store.columns

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


REGION_STATISTICS = "st_cases_region"
CASE_REGION = "coalesce(registered_region_code, region_code)"  # gateway/security/policy.py `case_region`


def _postgresql_14_or_later() -> bool:
    """Statistics on an expression came with PostgreSQL 14; SQLite plans without them."""
    bind = op.get_bind()
    return bind.dialect.name == "postgresql" and (bind.dialect.server_version_info or (0,)) >= (14,)


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
    if _postgresql_14_or_later():
        op.execute(f"CREATE STATISTICS {REGION_STATISTICS} ON ({CASE_REGION}) FROM cases")


def downgrade() -> None:
    op.drop_index("ix_case_items_statistics", table_name="case_items")
    if _postgresql_14_or_later():
        op.execute(f"DROP STATISTICS IF EXISTS {REGION_STATISTICS}")
    op.drop_table("rating_agency_scores")
    op.drop_table("ratings")
