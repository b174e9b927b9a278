"""Which fields an object's selection runs (schema/lean_execution.py), worked out once per document.

graphql-core collects an object's sub-selection anew on every request (its fields, fragments
expanded, grouped by response key), and a status read has six such selections: about 3 % of a read
that misses the response cache. The edge keeps one parsed document per query text, so the same
text brings the same field nodes, and what they select is the same on every request unless a
directive reads a variable (`@skip(if: $x)`, `@include`, `@defer`). Those operations keep their
selections per request only.

Kept selections are keyed by the object type and the identity of the field nodes
(schema/remembered.py), and kept as functions of their own (schema/lean_fill.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from graphql import (
    BREAK,
    DirectiveNode,
    ExecutableDefinitionNode,
    GraphQLObjectType,
    OperationDefinitionNode,
    VariableNode,
    Visitor,
    visit,
)
from graphql.execution.collect_fields import FragmentDetails

from schema.lean_fill import Fill, compiled
from schema.lean_plans import Plan, plan_of
from schema.remembered import Remembered

Steps = list[tuple[str, Any, Plan | None]]  # (response key, field nodes, plan; None: __typename)
Key = tuple[GraphQLObjectType, tuple[int, ...]]

MAX_KEPT = 4096
_kept: Remembered[Key, Fill] = Remembered(MAX_KEPT)
_fixed: Remembered[int, bool] = Remembered(MAX_KEPT)


def steps_of(parent: GraphQLObjectType, grouped: dict[str, Any]) -> Steps:
    return [
        (key, details, None if (name := details[0].node.name.value) == "__typename" else plan_of(parent, name))
        for key, details in grouped.items()
    ]


def kept_fill(object_type: GraphQLObjectType, details: Any, collect: Callable[[], Steps]) -> Fill:
    """The steps `collect` works out for these field nodes, compiled, from memory once they are."""
    key = (object_type, tuple(id(d.node) for d in details))
    return _kept.get(key, details, lambda: compiled(object_type, collect()))


def fixed_by_document(operation: OperationDefinitionNode, fragments: dict[str, FragmentDetails]) -> bool:
    """Whether the operation selects the same fields whatever its variables: no directive in it (or
    in its document's fragments) reads a variable, and no fragment takes arguments (graphql-core's
    experimental fragment variables)."""
    return _fixed.get(id(operation), operation, partial(_fixed_by, operation, fragments))


def _fixed_by(operation: OperationDefinitionNode, fragments: dict[str, FragmentDetails]) -> bool:
    definitions = [operation, *(f.definition for f in fragments.values())]
    return not any(f.variable_signatures for f in fragments.values()) and not any(map(_conditional, definitions))


def _conditional(node: ExecutableDefinitionNode) -> bool:
    found = _ConditionOnVariable()
    visit(node, found)
    return found.seen


class _ConditionOnVariable(Visitor):
    seen = False

    def enter_directive(self, node: DirectiveNode, *_: Any) -> Any:
        if node.name.value in ("skip", "include") and any(
            isinstance(a.value, VariableNode) for a in node.arguments or ()
        ):
            self.seen = True
            return BREAK
        return None
