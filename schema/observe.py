"""The GraphQL operation, observed: its name on every log line written while it runs, and its span."""

from __future__ import annotations

from collections.abc import Iterator

from opentelemetry.trace import INVALID_SPAN, Span
from strawberry.extensions import SchemaExtension

from gateway.observability.context import add_log_field
from gateway.observability.tracing import name_operation, operation_span


class ObserveOperation(SchemaExtension):
    _span: Span = INVALID_SPAN

    def on_operation(self) -> Iterator[None]:
        add_log_field("operation", self.execution_context.operation_name)  # the name the client gave, if any
        # opened before parsing, so a refused document is traced too; named in on_execute, once parsed
        with operation_span() as self._span:
            yield

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        named(self._span, context.operation_type.value, context.operation_name)  # parsed: an unnamed one's own name
        yield


def named(span: Span, kind: str, name: str | None) -> None:
    """The parsed operation's name on every line logged meanwhile, and on its span."""
    add_log_field("operation", name)
    name_operation(span, kind, name)
