"""Traces (OpenTelemetry), off unless an operator names an exporter with the standard OTEL_* variables.

Off, nothing is installed and every span below is the API's no-op. On, one trace runs from a GraphQL
operation through the outbox: a job carries the W3C traceparent of whatever scheduled it (the job may
run later, in another process), its span continues that trace, and adapters/tracing.py adds a client
span per agency call and sends the traceparent on. Attributes name jobs, cases and item kinds only:
never a person (no identity number, name or account).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib.metadata import entry_points

from opentelemetry import trace
from opentelemetry.trace import Span, SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

log = logging.getLogger(__name__)
SERVICE_NAME = "houshi-gateway"
_tracer = trace.get_tracer("gateway")
# The job column holds a W3C traceparent whatever OTEL_PROPAGATORS says: it is our own record, not a header.
_W3C = TraceContextTextMapPropagator()


def exporter_names(environ: Mapping[str, str]) -> list[str]:
    """The exporters the environment asks for; an OTLP endpoint alone means OTLP, as the SDK's agent reads it."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return []
    named = [n.strip() for n in environ.get("OTEL_TRACES_EXPORTER", "").split(",") if n.strip()]
    if not named and (environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")):
        named = ["otlp"]
    # "otlp" is the SDK's gRPC exporter; the [otlp] extra installs the HTTP one, the spec's default protocol
    grpc = environ.get("OTEL_EXPORTER_OTLP_PROTOCOL", "").strip() == "grpc"
    return [("otlp_proto_grpc" if grpc else "otlp_proto_http") if n == "otlp" else n for n in named if n != "none"]


def configure_tracing(environ: Mapping[str, str] = os.environ) -> bool:
    """Install the SDK's tracer provider if the environment names an exporter; True if traces are on.

    The SDK reads the rest of the standard variables itself: OTEL_SERVICE_NAME and
    OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER, OTEL_EXPORTER_OTLP_*, OTEL_BSP_*."""
    names = exporter_names(environ)
    if not names:
        return False
    installed = {e.name: e for e in entry_points(group="opentelemetry_traces_exporter")}
    missing = [n for n in names if n not in installed]
    try:
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError:
        missing = names
    if missing:  # a half-configured exporter would drop spans silently: say so and stay off
        log.warning("traces stay off: no exporter %s installed (pip install 'houshi-gateway[otlp]')", missing)
        return False
    resource = Resource.create()
    if str(resource.attributes.get("service.name", "")).startswith("unknown_service"):
        resource = resource.merge(Resource({"service.name": SERVICE_NAME}))
    provider = TracerProvider(resource=resource)
    for name in names:
        provider.add_span_processor(BatchSpanProcessor(installed[name].load()()))
    trace.set_tracer_provider(provider)
    log.info("traces on: exporting to %s", ", ".join(names))
    return True


def current_traceparent() -> str | None:
    """The W3C traceparent of the running span, to store with a job it schedules; None when not tracing."""
    carrier: dict[str, str] = {}
    _W3C.inject(carrier)
    return carrier.get("traceparent")


def current_trace_id() -> str | None:
    """The running trace's id as collectors show it (32 hex digits), for log lines; None when not tracing."""
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None


@contextmanager
def operation_span() -> Iterator[Span]:
    """A GraphQL operation; its name is known only once parsed (`name_operation`).

    With traces off, the API's no-op span still attached itself as the current span and detached
    again, about 7 µs of every request (a read that misses the response cache takes about 700):
    none is made, and what is said of it goes to the API's invalid span, which keeps nothing."""
    if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):  # no provider installed
        yield trace.INVALID_SPAN
        return
    with _tracer.start_as_current_span("graphql", kind=SpanKind.SERVER) as span:
        yield span


def name_operation(span: Span, operation_type: str, name: str | None) -> None:
    """Named as the GraphQL semantic conventions say: "mutation Submit", or the type alone."""
    span.update_name(f"{operation_type} {name}" if name else operation_type)
    span.set_attribute("graphql.operation.type", operation_type)
    if name:
        span.set_attribute("graphql.operation.name", name)


@contextmanager
def job_span(action: str, job_id: int, case_id: str, item_id: str | None, traceparent: str | None) -> Iterator[Span]:
    """A dispatcher job, continuing the trace of the operation (or job) that scheduled it."""
    parent = _W3C.extract({"traceparent": traceparent}) if traceparent else None
    attributes: dict[str, str | int] = {
        "gateway.job.action": action,
        "gateway.job.id": job_id,
        "gateway.case.id": case_id,
    }
    if item_id:
        attributes["gateway.item.id"] = item_id
    with _tracer.start_as_current_span(f"dispatch {action}", context=parent, attributes=attributes) as span:
        yield span


def describe_job(case_reference: str | None, item_kind: str | None = None) -> None:
    """What the running job turned out to be about, once it has read its case."""
    span = trace.get_current_span()
    if case_reference:
        span.set_attribute("gateway.case.reference", case_reference)
    if item_kind:
        span.set_attribute("gateway.item.kind", item_kind)
