"""Each HTTP request to an agency as a client span of the current trace, its W3C traceparent sent along.

Only the OpenTelemetry API: a no-op until the gateway installs a tracer provider, and adapters never
import the gateway. No URL in the attributes: an agency's path or query may carry an identity number.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from urllib.parse import urlsplit

from opentelemetry import propagate, trace
from opentelemetry.trace import Span, SpanKind

_tracer = trace.get_tracer("adapters")


@contextmanager
def agency_request_span(agency: str, method: str, base_url: str, headers: MutableMapping[str, str]) -> Iterator[Span]:
    """The span of one try; `headers` gain the traceparent (and whatever OTEL_PROPAGATORS adds)."""
    attributes = {"http.request.method": method, "server.address": urlsplit(base_url).hostname or "", "agency": agency}
    with _tracer.start_as_current_span(f"{method} {agency}", kind=SpanKind.CLIENT, attributes=attributes) as span:
        propagate.inject(headers)
        yield span
