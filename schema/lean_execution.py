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
import weakref
from collections.abc import Iterable
from functools import partial
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfoHelpers,
    OperationType,
)
from graphql.execution.collect_fields import collect_fields
from graphql.execution.executor import to_nodes
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField
from strawberry.types.info import Info

from schema.lean_fill import Fill
from schema.lean_plans import Abandon, Plan, shown
from schema.lean_shapes import Steps, fixed_by_document, kept_fill, steps_of

# Root fields that only read: a lean run given up half-way is run again from the start.
READ_ONLY_ROOTS = frozenset(
    {
        "case", "caseByReference", "cases", "node", "homeDeathReports", "homeDeathReport", "itemCatalogue",
        "agencies", "ratings", "statistics", "caseUpdated",
    }
)  # fmt: skip


class _ContextOnly:
    """What a plain resolver's `info` reads: the context. Anything else it asks for is missing,
    and the AttributeError abandons the lean run rather than answering with something made up."""

    __slots__ = ("context", "root_value")

    def __init__(self, context: Any, root_value: Any) -> None:
        self.context, self.root_value = context, root_value


class LeanExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.async_helpers = _helpers_of(weakref.ref(self))

    def execute_operation(self, serially: bool | None = None) -> Any:
        operation = self.operation
        if operation.operation is OperationType.MUTATION or not reads_only(operation.selection_set.selections):
            return super().execute_operation(serially)
        return self._lean_or_standard(serially)

    async def _lean_or_standard(self, serially: bool | None) -> Any:
        try:
            data = await _LeanRun(self).run()
        except Exception:  # Abandon, or a resolver's error: graphql-core's run says where, with its path
            standard = super().execute_operation(serially)
            return await standard if self.is_awaitable(standard) else standard
        return self.finish(self.build_response(data))


def _helpers_of(executor: weakref.ReferenceType[LeanExecutionContext]) -> GraphQLResolveInfoHelpers:
    """graphql-core's helpers hold the executor's own bound methods, so every execution was a
    reference cycle: the executor, its context, the DataLoaders and every record read (about 260
    objects a status read) waited for the cycle collector, and under load its middle generation
    gathered hundreds of thousands of them into a single pause of half a second. Held weakly, they
    are freed by reference counting as the request ends. The helpers are only called while the
    execution runs, and it holds its executor."""

    def gather(*args: Any, **kwargs: Any) -> Any:
        return _alive(executor).gather_async_work(*args, **kwargs)

    def track(*args: Any, **kwargs: Any) -> Any:
        return _alive(executor).track_async_work(*args, **kwargs)

    return GraphQLResolveInfoHelpers(gather=gather, track=track)


def _alive(executor: weakref.ReferenceType[LeanExecutionContext]) -> LeanExecutionContext:
    alive = executor()
    if alive is None:
        raise RuntimeError("the execution these helpers belong to has ended")
    return alive


def reads_only(selections: Iterable[Any]) -> bool:
    names = [getattr(getattr(s, "name", None), "value", None) for s in selections]
    return all(name in READ_ONLY_ROOTS for name in names)


class _LeanRun:
    def __init__(self, executor: LeanExecutionContext) -> None:
        self.executor = executor
        self.raw_info = _ContextOnly(executor.context_value, executor.root_value)
        self.infos: dict[int, Info[Any, Any]] = {}
        self.shapes: dict[tuple[str, int], Fill] = {}
        self.fixed = fixed_by_document(executor.operation, executor.fragments)  # shapes kept across requests
        self.is_awaitable = executor.is_awaitable

    async def run(self) -> dict[str, Any]:
        executor = self.executor
        root_type = executor.schema.get_root_type(executor.operation.operation)
        if root_type is None:
            raise Abandon
        grouped, defers, *_ = collect_fields(
            executor.schema, executor.fragments, executor.variable_values, root_type, executor.operation
        )
        if defers:
            raise Abandon
        result = self.fields(root_type, executor.root_value, None, steps_of(root_type, grouped))
        data: dict[str, Any] = await result if self.is_awaitable(result) else result
        return data

    def shape(self, object_type: GraphQLObjectType, details: Any) -> Fill:
        """How an object's selection is filled in, worked out once per request (graphql-core hands
        every item of a list the same field nodes, which live as long as the request), and once
        per document, compiled, where the document fixes it (schema/lean_shapes.py)."""
        fill = self.shapes.get((object_type.name, id(details)))
        if fill is None:
            collect = partial(self.collect, object_type, details)
            fill = kept_fill(object_type, details, collect) if self.fixed else _looped(object_type, collect())
            self.shapes[(object_type.name, id(details))] = fill
        return fill

    def collect(self, object_type: GraphQLObjectType, details: Any) -> Steps:
        grouped, defers, *_ = self.executor.collect_subfields(object_type, details)
        if defers:
            raise Abandon
        return steps_of(object_type, grouped)

    def fields(self, parent: GraphQLObjectType, source: Any, path: Path | None, steps: Steps) -> Any:
        results: dict[str, Any] = {}
        pending: list[str] = []
        for key, details, plan in steps:
            if plan is None:
                results[key] = parent.name  # __typename
            elif plan.sync_leaf:  # most fields: a plain value, shown at once
                value = plan.get(source) if plan.get is not None else plan.resolve(self, source)
                if value is None:
                    if plan.non_null:
                        raise Abandon  # graphql-core words the error and nulls the parent
                    results[key] = None
                else:
                    results[key] = value if type(value) is plan.native else shown(plan.show(value))
            else:
                value = results[key] = self.field(parent, source, details, path, key, plan)
                if self.is_awaitable(value):
                    pending.append(key)
        return self.gathered(results, pending) if pending else results

    async def gathered(self, results: dict[str, Any], pending: list[str]) -> dict[str, Any]:
        values = await asyncio.gather(*(results[k] for k in pending))
        results.update(zip(pending, values, strict=True))
        return results

    def field(
        self, parent: GraphQLObjectType, source: Any, details: Any, path: Path | None, key: str, plan: Plan
    ) -> Any:
        if plan.standard:
            here = Path(path, key, parent.name)
            value = self.standard(parent, source, plan.field_def, details, here)
        else:
            value = plan.resolve(self, source)
            if value is None:  # no path needed, as in `complete`
                if plan.non_null:
                    raise Abandon
                return None
            here = Path(path, key, parent.name)
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
                raise Abandon  # graphql-core words the error and nulls the parent
            return_type = return_type.of_type
        elif value is None:
            return None
        if isinstance(return_type, GraphQLList):
            return self.complete_list(return_type.of_type, details, value, path)
        if isinstance(return_type, GraphQLObjectType):
            return self.complete_object(return_type, details, value, path)
        if isinstance(return_type, GraphQLLeafType):
            return shown(return_type.serialize(value))
        raise Abandon  # an interface or union: graphql-core resolves the concrete type

    def complete_list(self, item_type: GraphQLOutputType, details: Any, values: Any, path: Path) -> Any:
        if not isinstance(values, list | tuple):
            raise Abandon
        named = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        if isinstance(named, GraphQLObjectType):
            completed = self.objects(named, named is not item_type, details, values, path)
        else:
            completed = [self.complete(item_type, details, v, Path(path, i, None)) for i, v in enumerate(values)]
        pending = [i for i, v in enumerate(completed) if self.is_awaitable(v)]
        if not pending:
            return completed

        async def gathered() -> list[Any]:
            for i, value in zip(pending, await asyncio.gather(*(completed[i] for i in pending)), strict=True):
                completed[i] = value
            return completed

        return gathered()

    def objects(
        self, object_type: GraphQLObjectType, non_null: bool, details: Any, values: Any, path: Path
    ) -> list[Any]:
        """A list's objects, each as `complete_object` would, the list's selection worked out once."""
        fill, is_type_of = self.shape(object_type, details), object_type.is_type_of
        completed: list[Any] = []
        for i, value in enumerate(values):
            if value is None:
                if non_null:
                    raise Abandon
                completed.append(None)
            elif is_type_of is not None and is_type_of(value, None) is not True:  # type: ignore[arg-type]
                raise Abandon
            else:
                completed.append(fill(self, value, path, i))
        return completed

    def complete_object(self, object_type: GraphQLObjectType, details: Any, value: Any, path: Path) -> Any:
        if object_type.is_type_of is not None and object_type.is_type_of(value, None) is not True:  # type: ignore[arg-type]
            raise Abandon
        return self.shape(object_type, details)(self, value, path, None)


def _looped(object_type: GraphQLObjectType, steps: Steps) -> Fill:
    """A selection kept for this request only: its steps walked by `_LeanRun.fields`."""
    return lambda run, source, path, index: run.fields(
        object_type, source, path if index is None else Path(path, index, None), steps
    )
