"""What a request may cost: an estimate of the fields it would resolve, and the size of its inputs.

Each field costs 1; the fields under a list cost once per element, with the page size a client
asked for (`first`) or a default for lists without one, so nested lists multiply. Introspection
is free (its size is the schema's). Depth, aliases and tokens are limited by strawberry's own
extensions beside this one; together they bound the work before any resolver runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
    Visitor,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    is_list_type,
    visit,
)
from strawberry.extensions import SchemaExtension

from schema.remembered import Remembered

DEFAULT_LIST_SIZE = 20  # a case has 23 items; most lists are shorter
DEFAULT_MAX_COST = 100_000
DEFAULT_MAX_STRING = 10_000
MAX_INPUT_NESTING = 32


class Estimate:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any]) -> None:
        self.schema, self.variables = schema, variables
        self.read_variables = False  # whether the estimate depends on them, or on the document alone
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}

    def selections(self, selection_set: SelectionSetNode, parent: GraphQLNamedType, spread: frozenset[str]) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, spread)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                on = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selections(selection.selection_set, on or parent, spread)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in spread:
                fragment = self.fragments.get(selection.name.value)
                on = self.schema.get_type(fragment.type_condition.name.value) if fragment else None
                if fragment is not None and on is not None:
                    total += self.selections(fragment.selection_set, on, spread | {fragment.name.value})
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType, spread: frozenset[str]) -> int:
        name = node.name.value
        fields = parent.fields if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) else {}
        definition = fields.get(name)
        if name.startswith("__") or definition is None:
            return 0
        if node.selection_set is None:
            return 1
        below = self.selections(node.selection_set, get_named_type(definition.type), spread)
        return 1 + self.multiplier(node, definition, parent) * below

    def multiplier(self, node: FieldNode, definition: GraphQLField, parent: GraphQLNamedType) -> int:
        if "first" in definition.args:
            return max(self.first(node, definition), 0)
        if not is_list_type(get_nullable_type(definition.type)):
            return 1
        # A connection's edges were counted by its `first`.
        return 1 if parent.name.endswith("Connection") else DEFAULT_LIST_SIZE

    def first(self, node: FieldNode, definition: GraphQLField) -> int:
        default = definition.args["first"].default_value
        fallback = default if isinstance(default, int) else DEFAULT_LIST_SIZE
        argument = next((a for a in node.arguments or () if a.name.value == "first"), None)
        value = argument.value if argument else None
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            self.read_variables = True
            given = self.variables.get(value.name.value)
            return given if isinstance(given, int) and not isinstance(given, bool) else fallback
        return fallback


def estimate_cost(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None, variables: Mapping[str, Any]
) -> int:
    """Worked out once per document where no variable counts (only a `first` given as one does)."""
    estimate = partial(_estimate, schema, document, operation_name, variables)
    cost, fixed = _costs.get((id(document), schema, operation_name), document, estimate)
    return cost if fixed else estimate()[0]


def _estimate(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None, variables: Mapping[str, Any]
) -> tuple[int, bool]:
    """(the cost, whether it holds whatever the variables)."""
    operation = get_operation_ast(document, operation_name)
    root = schema.get_root_type(operation.operation) if operation else None
    if operation is None or root is None:
        return 0, True
    estimate = Estimate(schema, document, variables)
    return estimate.selections(operation.selection_set, root, frozenset()), not estimate.read_variables


_costs: Remembered[tuple[int, GraphQLSchema, str | None], tuple[int, bool]] = Remembered(512)


def input_problem(document: DocumentNode, variables: object, max_string: int) -> str | None:
    """Why the inputs are too big (a string too long, values nested too deep), or None."""
    if max(_longest_literal(document), *_variable_string_lengths(variables), 0) > max_string:
        return f"字符串超过 {max_string} 个字符 (a string is longer than {max_string} characters)"
    if _nesting(variables) > MAX_INPUT_NESTING:
        return f"变量嵌套超过 {MAX_INPUT_NESTING} 层 (variables nested deeper than {MAX_INPUT_NESTING} levels)"
    return None


class _Strings(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.lengths: list[int] = []

    def enter_string_value(self, node: StringValueNode, *_: object) -> None:
        self.lengths.append(len(node.value))


def _longest_literal(document: DocumentNode) -> int:
    return _longest.get(id(document), document, partial(_longest_in, document))


def _longest_in(document: DocumentNode) -> int:
    strings = _Strings()
    visit(document, strings)  # graphql-core visits with a stack, not recursion
    return max(strings.lengths, default=0)


_longest: Remembered[int, int] = Remembered(512)


def _variable_string_lengths(value: object) -> Iterator[int]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield len(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _nesting(value: object) -> int:
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _refusal(message: str, code: str) -> ExecutionResult:
    return ExecutionResult(data=None, errors=[GraphQLError(message, extensions={"code": code})])


class QueryCost(SchemaExtension):
    """Refuses, before execution, a query whose estimated cost or inputs exceed the settings."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.result is None:
            services = getattr(context.context, "services", None)
            context.result = refusal_of(
                context.schema._schema, document, context.operation_name, context.variables, services
            )
        yield


def refusal_of(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    services: object,
) -> ExecutionResult | None:
    """The answer refusing the operation for its cost or its inputs' size, or None."""
    settings = getattr(services, "settings", None)
    max_cost = getattr(settings, "max_query_cost", DEFAULT_MAX_COST)
    max_string = getattr(settings, "max_string_length", DEFAULT_MAX_STRING)
    variables = variables or {}
    if problem := input_problem(document, variables, max_string):
        return _refusal(problem, "INPUT_TOO_LARGE")
    cost = estimate_cost(schema, document, operation_name, variables)
    if cost > max_cost:
        return _refusal(
            f"查询开销过大：估计 {cost}，上限 {max_cost}；请减少 first、嵌套列表或别名 "
            f"(query too costly: estimated {cost} > {max_cost}; ask for fewer items per page, "
            "fewer nested lists or fewer aliases)",
            "QUERY_TOO_COSTLY",
        )
    return None
