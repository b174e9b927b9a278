"""The standalone worker answers /healthz, /readyz and /metrics on GATEWAY_METRICS_PORT, and a
replica told not to migrate leaves the schema alone (and says it is not ready)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from alembic import command

from gateway.__main__ import probe_server
from gateway.app import running_services
from gateway.settings import Settings
from gateway.store import migrate
from tests.support.inprocess import gateway_in_process
from tests.support.processes import free_port
from tests.support.waiting import wait_for


async def test_a_worker_serves_its_probes_on_the_metrics_port(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, serve_mocks=False, metrics_port=free_port())
    async with running_services(settings) as (services, dispatcher):
        dispatcher.start()
        server = probe_server(settings, services, dispatcher)
        assert server is not None
        serving = asyncio.create_task(server.serve())

        async def started() -> bool:
            return server.started

        await wait_for(started, bool, within=10)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{settings.metrics_port}") as http:
            ready, scraped = await http.get("/readyz"), await http.get("/metrics")
        server.should_exit = True
        await serving
    assert ready.json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok", "dispatcher": "ok"}}
    assert scraped.status_code == 200
    assert "gateway_jobs_due 0.0" in scraped.text


def test_a_worker_without_a_metrics_port_opens_no_port(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, serve_mocks=False)
    assert probe_server(settings, None, None) is None  # type: ignore[arg-type]  # nothing is asked of them


async def test_a_replica_that_must_not_migrate_leaves_an_old_schema_and_is_unready(tmp_path: Path) -> None:
    url = Settings(data_dir=tmp_path).effective_database_url
    migrate.prepare_sqlite_dir(url)
    await asyncio.to_thread(command.upgrade, migrate.alembic_config(url), "0004")
    async with gateway_in_process(tmp_path, migrate_on_start=False) as gateway:
        response = await gateway.http.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"].startswith("database at 0004,")
