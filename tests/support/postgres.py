"""A throw-away PostgreSQL database per test run, on the server named by TEST_DATABASE_URL."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import pytest

ENV = "TEST_DATABASE_URL"


def postgres_url_or_skip() -> str:
    url = os.environ.get(ENV)
    if not url:
        pytest.skip(f"{ENV} is not set: PostgreSQL tests run in CI (.ci/run sets it)")
    return url


@asynccontextmanager
async def fresh_database(url: str) -> AsyncIterator[str]:
    """CREATE a uniquely named database beside the given one; DROP it afterwards."""
    base, _, _ = url.rpartition("/")
    name = f"gw_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
