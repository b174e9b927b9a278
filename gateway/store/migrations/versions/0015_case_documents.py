"""case_documents: each case with its items, certificates and timeline as one sealed value

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 22:00:00

A status read reads a case's document in one primary-key SELECT instead of four statements
(issue #13). Every change to a case rewrites its document in the same transaction
(gateway/store/case_documents.py); a case with none, or with one older than the case, is read from
its rows. So the table starts empty: cases on file are read from their rows until they next change,
or until `python -m gateway rebuild-documents` writes theirs. A later migration that rewrites case
rows in SQL must empty this table (a change of the records' fields makes every document unread).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_documents",
        sa.Column("case_id", sa.String(length=36), sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("case_documents")
