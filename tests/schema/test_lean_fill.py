"""A selection the document fixes is filled in by a function compiled for it (schema/lean_fill.py),
answering as graphql-core does: every kind of field, an alias, a null where the schema allows one
and where it does not."""

from __future__ import annotations

import asyncio
from datetime import datetime
from enum import Enum
from typing import Any, NewType

import pytest
import strawberry
from graphql import GraphQLObjectType
from strawberry.extensions import ParserCache
from strawberry.schema.config import StrawberryConfig

from gateway.clock import CHINA
from schema import lean_fill
from schema.lean_execution import LeanExecutionContext
from schema.scalars import scalar_map


@strawberry.enum
class Colour(Enum):
    RED = "red"
    BLUE = "blue"


# A scalar whose serialize answers nothing: graphql-core's error, whichever way the field is filled.
Void = NewType("Void", str)
VOID = strawberry.scalar(name="Void", serialize=lambda _value: None, parse_value=str)


@strawberry.type
class Thing:
    name: str
    nick: str | None
    colour: Colour
    count: int
    when: datetime  # shown as the gateway shows a moment (schema/scalars.py)
    void: Void | None = Void("x")

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()

    @strawberry.field
    async def later(self) -> str:
        return self.name[::-1]

    @strawberry.field
    def twin(self) -> Thing | None:
        return Thing(name=self.name + "2", nick=None, colour=Colour.BLUE, count=self.count + 1, when=self.when)

    @strawberry.field
    def broken(self) -> str:
        return None  # type: ignore[return-value]  # a null where the schema forbids one


@strawberry.type
class Query:
    @strawberry.field
    def item_catalogue(self) -> list[Thing]:  # a root the lean path takes (READ_ONLY_ROOTS)
        return [
            Thing(name="a", nick="x", colour=Colour.RED, count=1, when=datetime(2026, 12, 6, 10, 55, tzinfo=CHINA)),
            Thing(name="b", nick=None, colour=Colour.BLUE, count=2, when=datetime(2026, 12, 6, 11, 0, 1, 5, CHINA)),
        ]


# The parser cache, as the gateway's: the same text, the same field nodes, the same kept selections.
CONFIG = StrawberryConfig(scalar_map={**scalar_map(), Void: VOID})
LEAN = strawberry.Schema(
    query=Query, execution_context_class=LeanExecutionContext, extensions=[ParserCache], config=CONFIG
)
PLAIN = strawberry.Schema(query=Query, config=CONFIG)
QUERIES = [
    "{ itemCatalogue { name nick colour count when shout later __typename alias: name } }",
    "{ itemCatalogue { name void: void } }",  # the scalar's None: graphql-core's error
    "{ itemCatalogue { twin { name nick twin { colour later } } } }",
    "{ itemCatalogue { name broken } }",
    "query($yes: Boolean!) { itemCatalogue { name @include(if: $yes) colour } }",  # not fixed: looped
]


def answer(schema: strawberry.Schema, query: str) -> Any:
    result = asyncio.run(schema.execute(query, variable_values={"yes": True}))
    return result.data, [e.formatted for e in result.errors or []]


@pytest.mark.parametrize("query", QUERIES)
def test_a_compiled_selection_answers_as_graphql_core_does(query: str) -> None:
    assert answer(LEAN, query) == answer(PLAIN, query)


def test_a_fixed_selection_is_compiled_once_and_a_conditional_one_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []

    def counted(parent: GraphQLObjectType, steps: Any) -> lean_fill.Fill:
        made.append(parent.name)
        return lean_fill.compiled(parent, steps)

    monkeypatch.setattr("schema.lean_shapes.compiled", counted)
    fixed, conditional = "{ itemCatalogue { count name } }", QUERIES[-1]
    for _ in range(3):
        answer(LEAN, fixed)
        answer(LEAN, conditional)
    assert made == ["Thing"]
