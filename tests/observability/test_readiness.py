"""/readyz says ready only when the database answers, is at the migrations' head, and the dispatcher
this process started still runs; otherwise 503, naming what is wrong."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from gateway.dispatch.dispatcher import Dispatcher
from gateway.store.migrate import head_revisions
from tests.support.inprocess import gateway_in_process
from tests.support.waiting import wait_for


async def test_a_fresh_gateway_is_ready_with_every_check_ok(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path, dispatcher=True) as gateway:
        response = await gateway.http.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "dispatcher": "ok"},
    }


async def test_a_replica_without_a_dispatcher_is_not_asked_about_one(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path, dispatcher=False) as gateway:
        response = await gateway.http.get("/readyz")
    assert response.status_code == 200
    assert set(response.json()["checks"]) == {"database", "migrations"}


async def test_a_dead_dispatcher_makes_the_gateway_unready(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def dies(self: Dispatcher) -> None:
        raise RuntimeError("the dispatcher's loop broke")

    monkeypatch.setattr(Dispatcher, "run", dies)
    async with gateway_in_process(tmp_path, dispatcher=True) as gateway:
        response = await wait_for(lambda: gateway.http.get("/readyz"), lambda r: r.status_code != 200, within=5)
    assert response.status_code == 503
    assert response.json()["failing"] == ["dispatcher"]
    assert response.json()["checks"]["dispatcher"] == "stopped"


async def test_a_database_behind_the_code_makes_the_gateway_unready(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gateway:
        async with gateway.services.db.writing() as session:
            await session.execute(text("UPDATE alembic_version SET version_num = '0006'"))
        response = await gateway.http.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["migrations"]
    assert body["checks"]["migrations"] == f"database at 0006, code expects {min(head_revisions())}"


async def test_an_unreachable_database_makes_the_gateway_unready(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gateway:
        await gateway.services.db.dispose()  # every engine: no pooled connection to the old file is left
        (tmp_path / "gateway.sqlite3").unlink()
        (tmp_path / "gateway.sqlite3").mkdir()  # a directory where the database was: it cannot be opened
        response: httpx.Response = await gateway.http.get("/readyz")
        (tmp_path / "gateway.sqlite3").rmdir()
    assert response.status_code == 503
    assert response.json()["failing"] == ["database", "migrations"]
