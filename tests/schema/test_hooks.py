"""Extension hooks run as strawberry runs them, in the same order, however each is written (schema/hooks.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
import strawberry
from strawberry.extensions import SchemaExtension

from schema.errors import GatewaySchema
from schema.hooks import HookRunner

EVENTS: list[str] = []


class Generators(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        EVENTS.append("operation: enter")
        yield
        EVENTS.append(f"operation: leave ({self.execution_context.result is not None})")

    async def on_execute(self) -> AsyncIterator[None]:
        EVENTS.append("execute: enter")
        yield
        EVENTS.append("execute: leave")


class Calls(SchemaExtension):
    def on_parse(self) -> None:  # type: ignore[override]
        EVENTS.append("parse: called")

    async def on_validate(self) -> None:  # type: ignore[override]
        EVENTS.append("validate: awaited")


class Refuses(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        EVENTS.append("refuse: enter")
        raise ValueError("refused")
        yield  # a generator, as strawberry's own refusing extensions are


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        EVENTS.append("resolve")
        return "world"


def events(schema_class: type[strawberry.Schema], *extensions: type[SchemaExtension]) -> tuple[list[str], object]:
    EVENTS.clear()
    schema = schema_class(query=Query, extensions=list(extensions))
    result: object
    try:
        result = asyncio.run(schema.execute("{ hello }"))
    except ValueError as error:
        result = f"raised {error}"
    return list(EVENTS), getattr(result, "data", result)


@pytest.mark.parametrize(
    "extensions",
    [(Generators, Calls), (Calls, Generators), (Generators, Refuses, Calls)],
    ids=["generators_first", "calls_first", "a_hook_raises"],
)
def test_hooks_run_as_strawberry_runs_them(extensions: tuple[type[SchemaExtension], ...]) -> None:
    expected = events(strawberry.Schema, *extensions)
    assert events(GatewaySchema, *extensions) == expected
    assert expected[0]  # something ran


def test_the_gateway_schema_runs_its_hooks_with_the_hook_runner() -> None:
    schema = GatewaySchema(query=Query)
    assert isinstance(schema.create_extensions_runner(None, []), HookRunner)  # type: ignore[arg-type]
