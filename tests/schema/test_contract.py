"""The served schema keeps every name of contract.graphql, and matches the SDL kept in the repo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    build_schema,
)

from schema import build_schema as build_served
from scripts.export_schema import TARGET, served_sdl

CONTRACT = Path(__file__).resolve().parents[2] / "schema" / "contract.graphql"
SERVED = build_served()._schema


def _contract() -> dict[str, GraphQLNamedType]:
    return {n: t for n, t in build_schema(CONTRACT.read_text()).type_map.items() if not n.startswith("__")}


@pytest.mark.parametrize("name", sorted(_contract()))
def test_served_schema_keeps_contract_type(name: str) -> None:
    wanted, served = _contract()[name], SERVED.type_map.get(name)
    assert served is not None, f"type {name} missing"
    assert isinstance(served, type(wanted))
    if isinstance(wanted, GraphQLEnumType):
        assert set(wanted.values) <= set(served.values)  # type: ignore[attr-defined]
    if isinstance(wanted, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
        for field_name, field in wanted.fields.items():
            got = served.fields.get(field_name)  # type: ignore[attr-defined]
            assert got is not None, f"{name}.{field_name} missing"
            assert str(got.type) == str(field.type), f"{name}.{field_name}: {got.type} != {field.type}"
            for arg_name, arg in getattr(field, "args", {}).items():
                assert str(got.args[arg_name].type) == str(arg.type), f"{name}.{field_name}({arg_name})"
    if isinstance(wanted, GraphQLObjectType):
        assert {i.name for i in wanted.interfaces} <= {i.name for i in served.interfaces}  # type: ignore[attr-defined]


def test_committed_sdl_matches_served_schema() -> None:
    assert TARGET.read_text(encoding="utf-8") == served_sdl(), "schema drifted: run python -m scripts.export_schema"


def _described_places() -> list[tuple[str, str | None]]:
    places: list[tuple[str, str | None]] = []
    for name, t in SERVED.type_map.items():
        if name.startswith("__") or name in {"String", "Boolean", "Int", "Float", "ID"}:
            continue
        places.append((name, t.description))
        for field_name, field in getattr(t, "fields", {}).items():
            places.append((f"{name}.{field_name}", field.description))
            places += [(f"{name}.{field_name}({a})", arg.description) for a, arg in getattr(field, "args", {}).items()]
        if isinstance(t, GraphQLEnumType):
            places += [(f"{name}.{v}", value.description) for v, value in t.values.items()]
    return places


def test_every_type_field_argument_and_enum_value_is_described_chinese_first() -> None:
    chinese_first = re.compile(r"^[^A-Za-z]*[\u4e00-\u9fff]")
    undescribed = [place for place, text in _described_places() if not (text and chinese_first.match(text))]
    assert undescribed == []
