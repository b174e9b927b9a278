"""How the lean read path (schema/lean_execution.py) resolves and shows each field: worked out once
per field of the schema, so a read of 700 fields does no per-field thinking.

Most leaves are a dataclass attribute or a method of a view reading its row; their value is got
without a resolve-info, and a `str` or `bool` is shown as it is (graphql-core's String, ID and
Boolean serialize return exactly such a value unchanged). Anything else goes through the type's
own serialize, enums through a dict to the same name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any, Protocol

from graphql import GraphQLField, GraphQLLeafType, GraphQLNonNull, GraphQLObjectType
from graphql.pyutils import Undefined
from graphql.type.scalars import serialize_boolean, serialize_id, serialize_string
from strawberry.schema.schema_converter import CustomGraphQLEnumType
from strawberry.types.field import StrawberryField
from strawberry.types.info import Info

from schema.scalars import moment_text

_BACKREF = "strawberry-definition"
# A value of exactly this type is what the serialize would return: shown as it is.
_NATIVE: dict[Callable[[Any], Any], type] = {serialize_string: str, serialize_id: str, serialize_boolean: bool}


class Abandon(Exception):
    """The lean run cannot answer as graphql-core would: run the standard way."""


class Run(Protocol):
    def info_for(self, field: StrawberryField) -> Info[Any, Any]: ...


@dataclass(frozen=True, slots=True)
class Plan:
    field_def: GraphQLField
    resolve: Callable[[Run, Any], Any]
    get: Callable[[Any], Any] | None  # the value from its source alone (no info); None: `resolve`
    standard: bool  # graphql-core's resolve function instead, with its info (`resolve` abandons)
    leaf: GraphQLLeafType | None  # the type a plain value is shown as; None for objects and lists
    non_null: bool
    show: Callable[[Any], Any]  # the leaf type's serialize, or a quicker way to the same answer
    native: type | None  # a value of exactly this type is shown as it is
    sync_leaf: bool  # a leaf whose resolver is a plain function: its value is never awaited
    total: bool  # `show` answers every value it is given or raises: never None or Undefined


def shown(serialized: Any) -> Any:
    """A leaf as serialized; none at all is graphql-core's error to word."""
    if serialized is None or serialized is Undefined:
        raise Abandon
    return serialized


@lru_cache(maxsize=4096)
def plan_of(parent: GraphQLObjectType, name: str) -> Plan:
    field_def = parent.fields[name]
    named = field_def.type.of_type if isinstance(field_def.type, GraphQLNonNull) else field_def.type
    leaf = named if isinstance(named, GraphQLLeafType) else None
    show = _enum_names(leaf) if isinstance(leaf, CustomGraphQLEnumType) else getattr(leaf, "serialize", None)
    non_null = isinstance(field_def.type, GraphQLNonNull)
    resolve, get = _resolver(parent, field_def)
    field = field_def.extensions.get(_BACKREF)
    resolver = field.base_resolver if isinstance(field, StrawberryField) else None
    sync_leaf = leaf is not None and resolve is not None and (resolver is None or not resolver.is_async)
    native = _NATIVE.get(show) if show is not None else None
    total = isinstance(leaf, CustomGraphQLEnumType) or show is moment_text  # a name; a moment's text
    return Plan(
        field_def, resolve or _abandon, get, resolve is None, leaf, non_null, show or _no_leaf, native, sync_leaf, total
    )


def _no_leaf(value: Any) -> Any:
    raise Abandon


def _abandon(_run: Run, _source: Any) -> Any:
    raise Abandon


def _enum_names(enum: CustomGraphQLEnumType) -> Callable[[Any], Any]:
    """strawberry's enum serialize compares a member with every value in turn; a member's name is
    the same answer from a dict. Anything else goes to the serialize it would have met."""
    members: list[Any] = list(enum.wrapped_cls)
    # By identity: a member is its own one object for as long as the process lives, and hashing one
    # calls Enum.__hash__, a Python function, for every enum a read shows.
    names = {id(m): name for name, v in enum.values.items() for m in members if m.value == v.value}

    def show(value: Any) -> Any:
        name = names.get(id(value))
        return name if name is not None else enum.serialize(value)

    return show


Resolvers = tuple[Callable[[Run, Any], Any] | None, Callable[[Any], Any] | None]


def _resolver(parent: GraphQLObjectType, field_def: GraphQLField) -> Resolvers:
    """(resolve from the run and the source, or None: graphql-core's way; the same from the
    source alone where no info is wanted, else None)."""
    field = field_def.extensions.get(_BACKREF)
    if not isinstance(field, StrawberryField) or field.extensions or field.arguments or field_def.args:
        return None, None
    if parent.name in ("Query", "Mutation", "Subscription"):
        return None, None
    if field.base_resolver is None:
        return _from_source(attrgetter(field.python_name) if field.default_resolver is getattr else None, field)
    resolver = field.base_resolver
    if resolver.parent_parameter or resolver.root_parameter:
        return None, None
    wants_self, info_name = resolver.self_parameter is not None, getattr(resolver.info_parameter, "name", None)
    call = resolver.wrapped_func
    if not callable(call):  # a staticmethod or classmethod object: strawberry's own call handles those
        return None, None
    if info_name is None:
        return _from_source(call if wants_self else (lambda _source: call()), field)

    def with_info(run: Run, source: Any) -> Any:
        info = run.info_for(field)
        return call(source, **{info_name: info}) if wants_self else call(**{info_name: info})

    return with_info, None


def _from_source(get: Callable[[Any], Any] | None, field: StrawberryField) -> Resolvers:
    if get is None:  # a default resolver of the schema's own: called as strawberry would
        python_name, attribute = field.python_name, field.default_resolver
        return (lambda _run, source: attribute(source, python_name)), None
    return (lambda _run, source: get(source)), get
