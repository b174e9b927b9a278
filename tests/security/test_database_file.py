"""The SQLite database and its companions are the gateway's alone: 0600, even if found 0644."""

from __future__ import annotations

import stat
from pathlib import Path

from gateway.security.tokens import Role
from tests.support.client import CASE_COUNT
from tests.support.inprocess import gateway_in_process


def modes(data_dir: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in data_dir.glob("gateway.sqlite3*")}


def open_to_everyone(data_dir: Path) -> None:
    for path in data_dir.glob("gateway.sqlite3*"):
        path.chmod(0o644)


async def test_the_database_and_its_wal_are_readable_by_the_gateway_alone(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gateway:
        await gateway.graphql(CASE_COUNT, token=gateway.token(Role.ADMIN, "ops"))
        found = modes(tmp_path)
    assert "gateway.sqlite3" in found and "gateway.sqlite3-wal" in found
    assert all(mode == 0o600 for mode in found.values()), {k: oct(v) for k, v in found.items()}


async def test_a_world_readable_database_left_by_an_operator_is_closed_at_start(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path):
        pass
    open_to_everyone(tmp_path)
    async with gateway_in_process(tmp_path):
        found = modes(tmp_path)
    assert found and all(mode == 0o600 for mode in found.values()), {k: oct(v) for k, v in found.items()}
