"""/metrics: requests by GraphQL operation, agency calls by attempt, circuits and the database's
figures read at scrape time; loopback, allowed networks and the token may scrape, nobody else."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import respx
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from pydantic import ValidationError

from adapters.kinds import Agency, ItemKind
from gateway.production_checks import production_problems
from gateway.settings import Settings
from gateway.store.models import EndpointRow
from tests.support.cases import submit_people
from tests.support.inprocess import InProcess, gateway_in_process

TOKEN = "metrics-token-for-the-prometheus-server-0123456789"
HRSS_URL = "http://hrss.test/renshe"


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[InProcess]:
    async with gateway_in_process(tmp_path, metrics_allow=["10.1.0.0/16"], metrics_token=TOKEN) as gateway:
        yield gateway


def scraped(response: httpx.Response) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    assert response.status_code == 200, response.text
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def from_address(gateway: InProcess, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=gateway.app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://gateway.test")


def requests_named(operation: str) -> float:
    labels = {"path": "/graphql", "operation": operation, "status": "200"}
    return REGISTRY.get_sample_value("gateway_http_requests_total", labels) or 0.0


async def test_a_graphql_request_is_counted_under_its_operation_name(gateway: InProcess) -> None:
    before = requests_named("CatalogueForMetrics")
    await gateway.graphql("query CatalogueForMetrics { itemCatalogue { kind } }")

    samples = scraped(await gateway.http.get("/metrics"))

    labels = frozenset({"path": "/graphql", "operation": "CatalogueForMetrics", "status": "200"}.items())
    assert samples[("gateway_http_requests_total", labels)] == before + 1
    histogram = frozenset({"path": "/graphql", "operation": "CatalogueForMetrics", "le": "+Inf"}.items())
    assert samples[("gateway_http_request_seconds_bucket", histogram)] >= 1


async def test_an_endless_supply_of_operation_names_stops_making_new_labels(gateway: InProcess) -> None:
    for n in range(210):
        await gateway.graphql(f"query Fresh{n} {{ itemCatalogue {{ kind }} }}")
    names = {
        labels.get("operation")
        for family in text_string_to_metric_families((await gateway.http.get("/metrics")).text)
        if family.name == "gateway_http_requests"
        for labels in (s.labels for s in family.samples)
    }
    assert "Fresh0" in names
    assert "Fresh209" not in names
    assert "(other)" in names


async def test_the_database_figures_are_read_at_scrape_time(gateway: InProcess) -> None:
    await submit_people(gateway.services, 2)

    samples = scraped(await gateway.http.get("/metrics"))

    assert samples[("gateway_database_up", frozenset())] == 1
    assert samples[("gateway_jobs_due", frozenset())] == 2  # each new case's preparation
    assert samples[("gateway_oldest_due_job_seconds", frozenset())] >= 0
    assert samples[("gateway_cases", frozenset({("status", "SUBMITTED")}))] == 2
    assert samples[("gateway_cases", frozenset({("status", "COMPLETED")}))] == 0
    assert samples[("gateway_items_overdue", frozenset())] == 0


async def test_agency_calls_are_counted_by_attempt_and_the_open_circuit_shown(gateway: InProcess) -> None:
    endpoints = gateway.services.endpoints
    row = EndpointRow(
        agency=Agency.HRSS.value,
        base_url=HRSS_URL,
        item_kinds=[ItemKind.FUNERAL_GRANT.value],
        registered_at=datetime.now(UTC),
        registered_by="tests",
        enabled=True,
    )
    endpoints.load([row])
    calls = {"agency": "HRSS", "outcome": "server_error", "attempt": "1"}
    before = REGISTRY.get_sample_value("gateway_agency_calls_total", calls) or 0.0
    async with respx.mock(base_url=HRSS_URL, assert_all_called=False) as agency:
        agency.get(path__startswith="/si/").mock(side_effect=[httpx.Response(503), httpx.Response(404)])
        await endpoints.for_agency(Agency.HRSS).records("640104194803120515")
    for _ in range(gateway.services.settings.breaker_failures):
        endpoints.breaker(HRSS_URL).record_failure()

    samples = scraped(await gateway.http.get("/metrics"))

    assert samples[("gateway_agency_calls_total", frozenset(calls.items()))] == before + 1
    retried = {"agency": "HRSS", "outcome": "client_error", "attempt": "2"}
    assert samples[("gateway_agency_calls_total", frozenset(retried.items()))] >= 1
    assert samples[("gateway_agency_circuit_state", frozenset({("agency", "HRSS"), ("state", "open")}))] == 1
    assert samples[("gateway_agency_circuit_state", frozenset({("agency", "HRSS"), ("state", "closed")}))] == 0


async def test_a_client_from_elsewhere_without_the_token_is_refused(gateway: InProcess) -> None:
    async with from_address(gateway, "203.0.113.7") as stranger:
        response = await stranger.get("/metrics")
        wrong = await stranger.get("/metrics", headers={"Authorization": "Bearer not-the-token"})
    assert (response.status_code, wrong.status_code) == (403, 403)
    assert "gateway_http_requests" not in response.text


async def test_an_allowed_network_and_the_token_may_scrape(gateway: InProcess) -> None:
    async with from_address(gateway, "10.1.4.2") as prometheus:
        allowed = await prometheus.get("/metrics")
    async with from_address(gateway, "203.0.113.7") as elsewhere:
        with_token = await elsewhere.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert scraped(allowed)[("gateway_database_up", frozenset())] == 1
    assert scraped(with_token)[("gateway_database_up", frozenset())] == 1


def test_production_refuses_a_weak_metrics_token() -> None:
    problems = production_problems(Settings(metrics_token="prometheus"))
    assert any(problem.startswith("GATEWAY_METRICS_TOKEN must be at least 32") for problem in problems)
    assert not any("METRICS" in p for p in production_problems(Settings(metrics_token=TOKEN + "Zq8Xw3Lk")))


def test_a_metrics_allow_entry_that_is_no_address_is_refused_at_start() -> None:
    with pytest.raises(ValidationError, match="'prometheus' is not an address or a network"):
        Settings(metrics_allow=["10.0.0.0/8", "prometheus"])
