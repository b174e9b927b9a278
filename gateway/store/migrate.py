"""Schema migrations (Alembic), applied the same way on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.security.crypto import Keyring
from gateway.store.files import make_private
from gateway.store.sole_writer import sqlite_path

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str, keyring: Keyring | None = None) -> Config:
    config = Config()
    config.attributes["keyring"] = keyring  # data migrations seal existing rows with it (0002)
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def prepare_sqlite_dir(url: str) -> None:
    if (path := sqlite_path(url)) is not None:
        make_private(path)


def upgrade_sync(url: str, keyring: Keyring | None = None) -> None:
    prepare_sqlite_dir(url)
    command.upgrade(alembic_config(url, keyring), "head")


async def upgrade(url: str, keyring: Keyring | None = None) -> None:
    """Alembic's env runs its own event loop, so it gets a thread of its own."""
    await asyncio.to_thread(upgrade_sync, url, keyring)


@functools.cache
def head_revisions() -> frozenset[str]:
    """The packaged migrations' head(s): read once, as the files do not change under a running process."""
    return frozenset(ScriptDirectory.from_config(alembic_config("")).get_heads())


async def applied_revisions(session: AsyncSession) -> frozenset[str]:
    """What the database says it was migrated to (alembic's own table)."""
    return frozenset((await session.scalars(text("SELECT version_num FROM alembic_version"))).all())
