"""One trace per submission: the GraphQL operation, the dispatcher jobs it leads to, each agency call,
and the traceparent the agency received; and no tracing at all unless an operator turns it on."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from gateway.dispatch.dispatcher import Dispatcher
from gateway.observability.logs import JSONFormatter
from gateway.observability.tracing import exporter_names
from gateway.security.tokens import Role
from tests.faults.flow import ordinary
from tests.support.agencies import agencies_in_process, in_process_urls
from tests.support.cases import local_people
from tests.support.client import application_for
from tests.support.inprocess import gateway_in_process

ROOT = Path(__file__).resolve().parents[2]
SUBMIT = """mutation Submit($input: ApplicationInput!) {
  submitApplication(input: $input) { case { id reference } errors { field code message } } }"""
_EXPORTER = InMemorySpanExporter()


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """The API lets a process install its tracer provider once: the first test that needs one installs it."""
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(_EXPORTER))
        trace.set_tracer_provider(provider)
    _EXPORTER.clear()
    yield _EXPORTER
    _EXPORTER.clear()


@pytest.fixture
async def agencies() -> AsyncIterator[httpx.AsyncClient]:
    async with agencies_in_process() as http:
        yield http


def ancestors(span: ReadableSpan, by_id: dict[int, ReadableSpan]) -> list[ReadableSpan]:
    found = []
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        found.append(span)
    return found


async def test_one_submission_is_one_trace_from_the_operation_through_its_jobs_to_each_agency(
    tmp_path: Path, spans: InMemorySpanExporter, agencies: httpx.AsyncClient
) -> None:
    urls = in_process_urls()
    person = ordinary(local_people())[0]
    async with gateway_in_process(tmp_path, agencies=agencies, agency_base_urls=urls) as gateway:
        answer = await gateway.graphql(
            SUBMIT, {"input": application_for(person)}, gateway.token(Role.ADMIN, "ops-admin")
        )
        payload = answer.json()["data"]["submitApplication"]
        assert payload["errors"] == []
        assert await Dispatcher(gateway.services).drain(max_rounds=3) > 1  # preparation, then deliveries

    finished = spans.get_finished_spans()
    by_id = {s.context.span_id: s for s in finished}
    (operation,) = [s for s in finished if s.name == "mutation Submit"]
    jobs = [s for s in finished if s.name.startswith("dispatch ")]
    calls = [s for s in finished if s.kind == SpanKind.CLIENT]
    (preparation,) = [s for s in jobs if s.name == "dispatch prepare"]
    trace_id = operation.context.trace_id

    assert operation.kind == SpanKind.SERVER
    assert operation.attributes == {"graphql.operation.type": "mutation", "graphql.operation.name": "Submit"}
    assert preparation.parent is not None and preparation.parent.span_id == operation.context.span_id
    assert preparation.attributes is not None
    assert preparation.attributes["gateway.case.reference"] == payload["case"]["reference"]
    assert any(s.name == "dispatch submit" and s.attributes and "gateway.item.kind" in s.attributes for s in jobs)
    assert {s.context.trace_id for s in jobs + calls} == {trace_id}
    assert {c.attributes["agency"] for c in calls if c.attributes} >= set(urls)  # every agency was asked
    assert all(any(a in jobs for a in ancestors(c, by_id)) for c in calls)

    received = [t["traceparent"] for t in (await agencies.get("/admin/traces")).json() if t["traceparent"]]
    assert {int(t.split("-")[1], 16) for t in received} == {trace_id}
    assert {int(t.split("-")[2], 16) for t in received} == {c.context.span_id for c in calls}

    personal = (person["idNumber"], person["name"], person["applicant"]["idNumber"], person["applicant"]["name"])
    shown = json.dumps([dict(s.attributes or {}) for s in finished], ensure_ascii=False)
    assert not [p for p in personal if p in shown]


def test_a_log_line_written_inside_a_span_names_its_trace(spans: InMemorySpanExporter) -> None:
    record = logging.getLogger("gateway.test").makeRecord("gateway.test", logging.INFO, __file__, 1, "hello", (), None)
    with trace.get_tracer("tests").start_as_current_span("work") as span:
        entry = json.loads(JSONFormatter().format(record))

    assert entry["trace_id"] == format(span.get_span_context().trace_id, "032x")
    assert "trace_id" not in json.loads(JSONFormatter().format(record))


def test_an_otlp_endpoint_alone_turns_traces_on_and_none_turns_them_off() -> None:
    assert exporter_names({}) == []
    assert exporter_names({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}) == ["otlp_proto_http"]
    assert exporter_names({"OTEL_TRACES_EXPORTER": "otlp,console"}) == ["otlp_proto_http", "console"]
    assert exporter_names({"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"}) == []
    assert exporter_names({"OTEL_TRACES_EXPORTER": "console", "OTEL_SDK_DISABLED": "true"}) == []


PROCESS_START = """
from opentelemetry import trace
from gateway.observability.tracing import configure_tracing
on = configure_tracing()
provider = trace.get_tracer_provider()
print(on, type(provider).__name__, getattr(provider, "resource", None) and provider.resource.attributes["service.name"])
"""


def started_with(**otel: str) -> str:
    """How a fresh process comes up with these OTEL_* variables (a process installs a provider once)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")} | otel
    done = subprocess.run(
        [sys.executable, "-c", PROCESS_START], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_without_otel_settings_no_tracer_provider_is_installed() -> None:
    assert started_with() == "False ProxyTracerProvider None"


def test_an_exporter_named_in_the_environment_installs_the_sdk_under_the_gateways_name() -> None:
    assert started_with(OTEL_TRACES_EXPORTER="console") == "True TracerProvider houshi-gateway"
    assert started_with(OTEL_TRACES_EXPORTER="console", OTEL_SERVICE_NAME="gw-7") == "True TracerProvider gw-7"


OPERATION_SPANS = """
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from gateway.observability.tracing import operation_span
with operation_span() as off:
    print(off is trace.INVALID_SPAN, trace.get_current_span() is trace.INVALID_SPAN)
trace.set_tracer_provider(TracerProvider())
with operation_span() as on:
    print(on.is_recording(), trace.get_current_span() is on)
"""


def test_an_operations_span_is_the_invalid_one_until_a_tracer_provider_is_installed_then_recorded() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    done = subprocess.run(
        [sys.executable, "-c", OPERATION_SPANS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True", "True"]
