"""The GraphQL operation, observed: its name on every log line written while it runs."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from gateway.observability.context import add_log_field


class ObserveOperation(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        add_log_field("operation", self.execution_context.operation_name)  # the name the client gave, if any
        yield

    def on_execute(self) -> Iterator[None]:
        add_log_field("operation", self.execution_context.operation_name)  # parsed: an unnamed one's own name
        yield
