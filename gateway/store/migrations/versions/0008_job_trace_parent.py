"""traces: a job carries the W3C traceparent of the operation that scheduled it

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 23:00:00

The job may run later and in another process; its span continues the submitting operation's trace
(gateway/observability/tracing.py). NULL: scheduled while traces were off, or before this revision.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dispatch_jobs") as batch:
        batch.add_column(sa.Column("trace_parent", sa.String(length=55), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dispatch_jobs") as batch:
        batch.drop_column("trace_parent")
