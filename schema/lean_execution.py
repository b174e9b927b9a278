"""Executing a read without graphql-core's per-field machinery, answering exactly as it would.

A status read resolves about 700 fields (23 items, 3 certificates, 40 events), and graphql-core
spends more on each than our resolvers do: a resolve-info object, a path, strawberry's argument
conversion and extension wrappers, type checks made for every value. Most of our fields need none
of it: a dataclass attribute, or a method of the view that reads its row. For those this executor
calls the resolver itself, completes the value by its GraphQL type and gathers what is awaited, so
DataLoaders still batch across a list. Fields with arguments or extensions, and the root fields,
go through graphql-core's own resolve function with a real resolve-info.

It is only for success. Anything unusual (an error raised, a null where the schema forbids one,
an abstract type, @defer) abandons the lean run and executes the operation the standard way, so
errors and partial results are graphql-core's, byte for byte (tests/schema/test_lean_execution.py
compares both for every role). That is why only operations whose root fields merely read are
taken: running them twice changes nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationType,
)
from graphql.execution.collect_fields import collect_fields
from graphql.execution.executor import to_nodes
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import CustomGraphQLEnumType
from strawberry.types.field import StrawberryField
from strawberry.types.info import Info

# Root fields that only read: a lean run given up half-way is run again from the start.
READ_ONLY_ROOTS = frozenset(
    {
        "case", "caseByReference", "cases", "node", "homeDeathReports", "homeDeathReport", "itemCatalogue",
        "agencies", "ratings", "statistics", "caseUpdated",
    }
)  # fmt: skip
_BACKREF = "strawberry-definition"


class _Abandon(Exception):
    """The lean run cannot answer as graphql-core would: run the standard way."""


class _ContextOnly:
    """What a plain resolver's `info` reads: the context. Anything else it asks for is missing,
    and the AttributeError abandons the lean run rather than answering with something made up."""

    __slots__ = ("context", "root_value")

    def __init__(self, context: Any, root_value: Any) -> None:
        self.context, self.root_value = context, root_value


class LeanExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def execute_operation(self, serially: bool | None = None) -> Any:
        operation = self.operation
        if operation.operation is OperationType.MUTATION or not _reads_only(operation.selection_set.selections):
            return super().execute_operation(serially)
        return self._lean_or_standard(serially)

    async def _lean_or_standard(self, serially: bool | None) -> Any:
        try:
            data = await _LeanRun(self).run()
        except Exception:  # _Abandon, or a resolver's error: graphql-core's run says where, with its path
            standard = super().execute_operation(serially)
            return await standard if self.is_awaitable(standard) else standard
        return self.finish(self.build_response(data))


def _shown(serialized: Any) -> Any:
    """A leaf as serialized; none at all is graphql-core's error to word."""
    if serialized is None or serialized is Undefined:
        raise _Abandon
    return serialized


def _reads_only(selections: Iterable[Any]) -> bool:
    names = [getattr(getattr(s, "name", None), "value", None) for s in selections]
    return all(name in READ_ONLY_ROOTS for name in names)


class _LeanRun:
    def __init__(self, executor: LeanExecutionContext) -> None:
        self.executor = executor
        self.raw_info = _ContextOnly(executor.context_value, executor.root_value)
        self.infos: dict[int, Info[Any, Any]] = {}
        self.steps: dict[int, list[tuple[str, Any, _Plan | None]]] = {}
        self.is_awaitable = executor.is_awaitable

    async def run(self) -> dict[str, Any]:
        executor = self.executor
        root_type = executor.schema.get_root_type(executor.operation.operation)
        if root_type is None:
            raise _Abandon
        grouped, defers, *_ = collect_fields(
            executor.schema, executor.fragments, executor.variable_values, root_type, executor.operation
        )
        if defers:
            raise _Abandon
        result = self.fields(root_type, executor.root_value, None, grouped)
        data: dict[str, Any] = await result if self.is_awaitable(result) else result
        return data

    def fields(self, parent: GraphQLObjectType, source: Any, path: Path | None, grouped: dict[str, Any]) -> Any:
        results: dict[str, Any] = {}
        pending: list[str] = []
        for key, details, plan in self.steps_of(parent, grouped):
            if plan is None:
                results[key] = parent.name  # __typename
            elif plan.sync_leaf:  # most fields: a plain value, shown at once
                results[key] = self.leaf(plan, plan.resolve(self, source))
            else:
                value = results[key] = self.field(parent, source, details, path, key, plan)
                if self.is_awaitable(value):
                    pending.append(key)
        if not pending:
            return results

        async def gathered() -> dict[str, Any]:
            values = await asyncio.gather(*(results[k] for k in pending))
            results.update(zip(pending, values, strict=True))
            return results

        return gathered()

    def steps_of(self, parent: GraphQLObjectType, grouped: dict[str, Any]) -> list[tuple[str, Any, _Plan | None]]:
        """Each field of a selection with its plan, worked out once per request: graphql-core hands
        every item of a list the same `grouped`, which lives as long as the request."""
        steps = self.steps.get(id(grouped))
        if steps is None:
            steps = self.steps[id(grouped)] = [
                (key, details, None if (name := details[0].node.name.value) == "__typename" else _plan(parent, name))
                for key, details in grouped.items()
            ]
        return steps

    @staticmethod
    def leaf(plan: _Plan, value: Any) -> Any:
        if value is None:
            if plan.non_null:
                raise _Abandon  # graphql-core words the error and nulls the parent
            return None
        return _shown(plan.show(value))

    def field(
        self, parent: GraphQLObjectType, source: Any, details: Any, path: Path | None, key: str, plan: _Plan
    ) -> Any:
        here = Path(path, key, parent.name)
        if plan.standard:
            value = self.standard(parent, source, plan.field_def, details, here)
        else:
            value = plan.resolve(self, source)
            if plan.leaf is not None and not self.is_awaitable(value):
                return self.leaf(plan, value)
        if self.is_awaitable(value):
            return self.complete_later(plan.field_def.type, details, value, here)
        return self.complete(plan.field_def.type, details, value, here)

    def standard(
        self, parent: GraphQLObjectType, source: Any, field_def: GraphQLField, details: Any, path: Path
    ) -> Any:
        executor = self.executor
        node = details[0]
        args = get_argument_values(field_def, node.node, executor.variable_values, node.fragment_variable_values)
        info = executor.build_resolve_info(field_def, to_nodes(details), parent, path)
        return (field_def.resolve or executor.field_resolver)(source, info, **args)

    def info_for(self, field: StrawberryField) -> Info[Any, Any]:
        info = self.infos.get(id(field))
        if info is None:
            info = self.infos[id(field)] = Info(_raw_info=self.raw_info, _field=field)  # type: ignore[arg-type]
        return info

    async def complete_later(self, return_type: GraphQLOutputType, details: Any, value: Any, path: Path) -> Any:
        done = self.complete(return_type, details, await value, path)
        return await done if self.is_awaitable(done) else done

    def complete(self, return_type: GraphQLOutputType, details: Any, value: Any, path: Path) -> Any:
        if isinstance(return_type, GraphQLNonNull):
            if value is None:
                raise _Abandon  # graphql-core words the error and nulls the parent
            return_type = return_type.of_type
        elif value is None:
            return None
        if isinstance(return_type, GraphQLLeafType):
            return _shown(return_type.serialize(value))
        if isinstance(return_type, GraphQLList):
            return self.complete_list(return_type.of_type, details, value, path)
        if isinstance(return_type, GraphQLObjectType):
            return self.complete_object(return_type, details, value, path)
        raise _Abandon  # an interface or union: graphql-core resolves the concrete type

    def complete_list(self, item_type: GraphQLOutputType, details: Any, values: Any, path: Path) -> Any:
        if not isinstance(values, list | tuple):
            raise _Abandon
        completed = [self.complete(item_type, details, v, Path(path, i, None)) for i, v in enumerate(values)]
        pending = [i for i, v in enumerate(completed) if self.is_awaitable(v)]
        if not pending:
            return completed

        async def gathered() -> list[Any]:
            for i, value in zip(pending, await asyncio.gather(*(completed[i] for i in pending)), strict=True):
                completed[i] = value
            return completed

        return gathered()

    def complete_object(self, object_type: GraphQLObjectType, details: Any, value: Any, path: Path) -> Any:
        if object_type.is_type_of is not None and object_type.is_type_of(value, None) is not True:  # type: ignore[arg-type]
            raise _Abandon
        grouped, defers, *_ = self.executor.collect_subfields(object_type, details)
        if defers:
            raise _Abandon
        return self.fields(object_type, value, path, grouped)


@dataclass(frozen=True, slots=True)
class _Plan:
    field_def: GraphQLField
    resolve: Callable[[_LeanRun, Any], Any]
    standard: bool  # graphql-core's resolve function instead, with its info (`resolve` abandons)
    leaf: GraphQLLeafType | None  # the type a plain value is shown as; None for objects and lists
    non_null: bool
    show: Callable[[Any], Any]  # the leaf type's serialize, or a quicker way to the same answer
    sync_leaf: bool  # a leaf whose resolver is a plain function: its value is never awaited


@lru_cache(maxsize=4096)
def _plan(parent: GraphQLObjectType, name: str) -> _Plan:
    field_def = parent.fields[name]
    named = field_def.type.of_type if isinstance(field_def.type, GraphQLNonNull) else field_def.type
    leaf = named if isinstance(named, GraphQLLeafType) else None
    show = _enum_names(leaf) if isinstance(leaf, CustomGraphQLEnumType) else getattr(leaf, "serialize", None)
    non_null = isinstance(field_def.type, GraphQLNonNull)
    resolve = _resolver(parent, field_def)
    field = field_def.extensions.get(_BACKREF)
    resolver = field.base_resolver if isinstance(field, StrawberryField) else None
    sync_leaf = leaf is not None and resolve is not None and (resolver is None or not resolver.is_async)
    return _Plan(field_def, resolve or _abandon, resolve is None, leaf, non_null, show or _no_leaf, sync_leaf)


def _no_leaf(value: Any) -> Any:
    raise _Abandon


def _abandon(_run: _LeanRun, _source: Any) -> Any:
    raise _Abandon


def _enum_names(enum: CustomGraphQLEnumType) -> Callable[[Any], Any]:
    """strawberry's enum serialize compares a member with every value in turn; a member's name is
    the same answer from a dict. Anything else goes to the serialize it would have met."""
    members: list[Any] = list(enum.wrapped_cls)
    names = {m: name for name, v in enum.values.items() for m in members if m.value == v.value}

    def show(value: Any) -> Any:
        name = names.get(value) if isinstance(value, enum.wrapped_cls) else None
        return name if name is not None else enum.serialize(value)

    return show


def _resolver(parent: GraphQLObjectType, field_def: GraphQLField) -> Callable[[_LeanRun, Any], Any] | None:
    field = field_def.extensions.get(_BACKREF)
    if not isinstance(field, StrawberryField) or field.extensions or field.arguments or field_def.args:
        return None
    if parent.name in ("Query", "Mutation", "Subscription"):
        return None
    if field.base_resolver is None:
        python_name, attribute = field.python_name, field.default_resolver
        return lambda _run, source: attribute(source, python_name)
    resolver = field.base_resolver
    if resolver.parent_parameter or resolver.root_parameter:
        return None
    wants_self, info_name = resolver.self_parameter is not None, getattr(resolver.info_parameter, "name", None)
    call = resolver.wrapped_func
    if not callable(call):  # a staticmethod or classmethod object: strawberry's own call handles those
        return None
    if info_name is None:
        return (lambda _run, source: call(source)) if wants_self else (lambda _run, _source: call())

    def with_info(run: _LeanRun, source: Any) -> Any:
        info = run.info_for(field)
        return call(source, **{info_name: info}) if wants_self else call(**{info_name: info})

    return with_info
