"""Readiness and the scrape-time figures on PostgreSQL: the same answers as on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.support.cases import submit_people
from tests.support.inprocess import gateway_in_process
from tests.support.postgres import fresh_database, postgres_url_or_skip

pytestmark = pytest.mark.postgres


async def test_a_postgres_gateway_is_ready_and_counts_its_backlog(tmp_path: Path) -> None:
    async with (
        fresh_database(postgres_url_or_skip()) as url,
        gateway_in_process(tmp_path, database_url=url) as gateway,
    ):
        ready = await gateway.http.get("/readyz")
        await submit_people(gateway.services, 1)
        scraped = (await gateway.http.get("/metrics")).text
    assert ready.json()["status"] == "ready"
    samples = {s.name: s.value for f in text_string_to_metric_families(scraped) for s in f.samples if not s.labels}
    assert samples["gateway_database_up"] == 1
    assert samples["gateway_jobs_due"] == 1  # the case's preparation: no dispatcher runs here
    assert samples["gateway_oldest_due_job_seconds"] >= 0
    assert samples["gateway_items_overdue"] == 0
