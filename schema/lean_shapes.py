"""Which fields an object's selection runs (schema/lean_execution.py), worked out once per document.

graphql-core collects an object's sub-selection anew on every request (its fields, fragments
expanded, grouped by response key), and a status read has six such selections: about 3 % of a read
that misses the response cache. The edge keeps one parsed document per query text, so the same
text brings the same field nodes, and what they select is the same on every request unless a
directive reads a variable (`@skip(if: $x)`, `@include`, `@defer`). Those operations keep their
selections per request only.

Kept selections are keyed by the object type and the identity of the field nodes; an entry holds
its nodes, so no id is reused while it is kept, and the memory is bounded (least recently used first).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
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

from schema.lean_plans import Plan, plan_of

Steps = list[tuple[str, Any, Plan | None]]  # (response key, field nodes, plan; None: __typename)
Key = tuple[GraphQLObjectType, tuple[int, ...]]

MAX_KEPT = 4096
_kept: OrderedDict[Key, tuple[Steps, Any]] = OrderedDict()  # steps, and the field nodes they came from
_fixed: OrderedDict[int, tuple[OperationDefinitionNode, bool]] = OrderedDict()


def steps_of(parent: GraphQLObjectType, grouped: dict[str, Any]) -> Steps:
    return [
        (key, details, None if (name := details[0].node.name.value) == "__typename" else plan_of(parent, name))
        for key, details in grouped.items()
    ]


def kept_steps(object_type: GraphQLObjectType, details: Any, collect: Callable[[], Steps]) -> Steps:
    """The steps `collect` works out for these field nodes, from memory once it has."""
    key = (object_type, tuple(id(d.node) for d in details))
    kept = _kept.get(key)
    if kept is not None:
        _kept.move_to_end(key)
        return kept[0]
    steps = collect()
    _kept[key] = (steps, details)
    if len(_kept) > MAX_KEPT:
        _kept.popitem(last=False)
    return steps


def fixed_by_document(operation: OperationDefinitionNode, fragments: dict[str, FragmentDetails]) -> bool:
    """Whether the operation selects the same fields whatever its variables: no directive in it (or
    in its document's fragments) reads a variable, and no fragment takes arguments (graphql-core's
    experimental fragment variables)."""
    kept = _fixed.get(id(operation))
    if kept is not None and kept[0] is operation:
        _fixed.move_to_end(id(operation))
        return kept[1]
    definitions = [operation, *(f.definition for f in fragments.values())]
    fixed = not any(f.variable_signatures for f in fragments.values()) and not any(map(_conditional, definitions))
    _fixed[id(operation)] = (operation, fixed)
    if len(_fixed) > MAX_KEPT:
        _fixed.popitem(last=False)
    return fixed


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
