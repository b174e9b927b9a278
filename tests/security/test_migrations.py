"""The hand-written migrations build exactly the models' schema, on SQLite and PostgreSQL, and
seal rows that were stored in plaintext before 0002."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from cryptography.fernet import Fernet
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import create_async_engine

from gateway.security.crypto import Keyring
from gateway.store import migrate
from gateway.store.models import Base
from tests.support.postgres import fresh_database, postgres_url_or_skip

NOW = datetime(2026, 10, 13, 8, tzinfo=UTC)
KEYRING = Keyring.of([Fernet.generate_key().decode()], "k" * 48)


@pytest.fixture(params=["sqlite", "postgres"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'm.sqlite3'}"
        return
    async with fresh_database(postgres_url_or_skip()) as fresh:
        yield fresh


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def run_sync(url: str, work: Any) -> Any:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            return await connection.run_sync(work)
    finally:
        await engine.dispose()


async def test_upgrade_head_matches_the_models(url: str) -> None:
    await migrate.upgrade(url)
    assert await run_sync(url, _differences) == []


INSERT = text(
    "INSERT INTO cases (id, status, channel, version, submitted_at, updated_at, submitted_by, submitter_role,"
    " request_fingerprint, region_code, applicant_id_number, deceased_name, deceased_id_number, death_date,"
    " death_place, death_type, died_in_medical_institution, disposal, applicant_name, applicant_phone, relationship,"
    " payout_account_number, prepare_attempts) VALUES ('c1', 'SUBMITTED', 'APP', 1, :now, :now, '640104197506220337',"
    " 'applicant', 'f', '640104', '640104197506220337', '张建国', '640104194803120515', '2026-10-12', '银川', 'NORMAL',"
    " true, 'CREMATION', '张伟', '13954121870', 'CHILD', '6247922448509993677', 0)"
)
SELECT = text("SELECT applicant_id_number, deceased_id_digest, submitted_by, payout_account_number FROM cases")


async def test_upgrade_seals_rows_stored_in_plaintext(url: str) -> None:
    migrate.prepare_sqlite_dir(url)
    await asyncio.to_thread(command.upgrade, migrate.alembic_config(url), "0001")
    await run_sync(url, lambda c: c.execute(INSERT, {"now": NOW}))
    await migrate.upgrade(url, KEYRING)
    applicant, digest, submitted_by, account = await run_sync(url, lambda c: c.execute(SELECT).one())
    assert KEYRING.decrypt(applicant) == "640104197506220337" and KEYRING.decrypt(account) == "6247922448509993677"
    assert digest == KEYRING.digest("640104194803120515")
    assert "640104197506220337" not in submitted_by


async def test_upgrade_without_keys_refuses_to_leave_plaintext(url: str) -> None:
    migrate.prepare_sqlite_dir(url)
    await asyncio.to_thread(command.upgrade, migrate.alembic_config(url), "0001")
    await run_sync(url, lambda c: c.execute(INSERT, {"now": NOW}))
    with pytest.raises(RuntimeError, match="keys"):
        await migrate.upgrade(url)
