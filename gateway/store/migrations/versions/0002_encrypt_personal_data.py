"""encrypt personal data at rest, keyed digests for look-ups, the access log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 10:00:00

Existing rows are sealed in place with the keyring the caller hands to Alembic
(`config.attributes["keyring"]`, see gateway/store/migrate.py); a database that holds cases refuses
to migrate without it rather than leave plaintext behind.
"""

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import context, op

import gateway.store.columns
from gateway.security.crypto import Keyring

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEALED = (
    "applicant_id_number",
    "deceased_id_number",
    "applicant_phone",
    "payout_account_name",
    "payout_account_number",
)
OLD_LENGTHS = {
    "applicant_id_number": 18,
    "deceased_id_number": 18,
    "applicant_phone": 20,
    "payout_account_name": 64,
    "payout_account_number": 40,
}
cases = sa.table(
    "cases",
    sa.column("id", sa.String),
    sa.column("submitted_by", sa.String),
    sa.column("submitter_role", sa.String),
    sa.column("applicant_id_digest", sa.String),
    sa.column("deceased_id_digest", sa.String),
    *(sa.column(name, sa.Text) for name in SEALED),
)


def _keyring() -> Keyring | None:
    keyring = context.config.attributes.get("keyring")
    return keyring if isinstance(keyring, Keyring) else None


def _rewrite(change: Callable[[Keyring, sa.Row[tuple[object, ...]]], dict[str, object]]) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(cases)).all()
    keyring = _keyring()
    if rows and keyring is None:
        raise RuntimeError("cases exist: run this migration through `python -m gateway migrate` (it brings the keys)")
    for row in rows:
        assert keyring is not None
        connection.execute(sa.update(cases).where(cases.c.id == row.id).values(**change(keyring, row)))


def _sealed(keyring: Keyring, row: sa.Row[tuple[object, ...]]) -> dict[str, object]:
    values: dict[str, object] = {
        name: keyring.encrypt(str(v)) if (v := getattr(row, name)) is not None else None for name in SEALED
    }
    values["applicant_id_digest"] = keyring.digest(str(row.applicant_id_number))
    values["deceased_id_digest"] = keyring.digest(str(row.deceased_id_number))
    if row.submitter_role == "applicant":  # it held the applicant's identity number
        values["submitted_by"] = f"applicant:{keyring.digest(str(row.applicant_id_number))[:24]}"
    return values


def _opened(keyring: Keyring, row: sa.Row[tuple[object, ...]]) -> dict[str, object]:
    return {name: keyring.decrypt(str(v)) if (v := getattr(row, name)) is not None else None for name in SEALED}


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_applicant_id_number")
        batch_op.drop_index("ix_cases_deceased_id_number")
        for name in SEALED:
            batch_op.alter_column(name, type_=sa.Text(), existing_type=sa.String(OLD_LENGTHS[name]))
        batch_op.add_column(sa.Column("applicant_id_digest", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("deceased_id_digest", sa.String(length=64), nullable=True))
    _rewrite(_sealed)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.alter_column("applicant_id_digest", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("deceased_id_digest", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_cases_applicant_id_digest"), ["applicant_id_digest"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_deceased_id_digest"), ["deceased_id_digest"], unique=False)
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", gateway.store.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("operation", sa.String(length=200), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_access_log_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_log_case_id"))
        batch_op.drop_index(batch_op.f("ix_access_log_at"))
    op.drop_table("access_log")
    _rewrite(_opened)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_deceased_id_digest"))
        batch_op.drop_index(batch_op.f("ix_cases_applicant_id_digest"))
        batch_op.drop_column("deceased_id_digest")
        batch_op.drop_column("applicant_id_digest")
        for name in SEALED:
            batch_op.alter_column(name, type_=sa.String(OLD_LENGTHS[name]), existing_type=sa.Text())
        batch_op.create_index("ix_cases_deceased_id_number", ["deceased_id_number"], unique=False)
        batch_op.create_index("ix_cases_applicant_id_number", ["applicant_id_number"], unique=False)
