"""The operation a GraphQL document runs, and the root fields it asks for with fragments expanded.

The edge decides from this what a request costs and whether its answer may be remembered, so it
must see what the executor will run: fragment spreads, inline fragments and aliases included.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationType,
    SelectionSetNode,
    get_operation_ast,
    parse,
)

MAX_ROOTS = 1000  # more root fields than any sane operation; enough to price one that is not
MAX_VISITS = 10_000  # selection sets walked, at most


@dataclass(frozen=True)
class Operation:
    kind: OperationType
    roots: tuple[str, ...]  # each root field once per occurrence (an alias is another occurrence)

    def label(self) -> str:
        """How the access log names it: `query:case,cases`."""
        return f"{self.kind.value}:{','.join(dict.fromkeys(self.roots))}"


@lru_cache(maxsize=1024)  # clients repeat the same few documents; a socket's operations are parsed here too
def parse_document(query: str, max_tokens: int) -> DocumentNode | None:
    """None when it does not parse: strawberry reports why, as a GraphQL request error."""
    try:
        return parse(query, max_tokens=max_tokens)
    except (GraphQLError, RecursionError):
        return None


def operation_of(document: DocumentNode, name: str | None) -> Operation | None:
    """The operation `name` selects (or the only one); None when there is no such one."""
    chosen = get_operation_ast(document, name)
    if chosen is None:
        return None
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    return Operation(chosen.operation, tuple(_root_fields(chosen.selection_set, fragments)))


def _root_fields(top: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]) -> list[str]:
    """Each selection set's own fields, then its fragments' in order. This runs before validation:
    fragments may spread each other in a cycle or fan out exponentially within the token limit,
    so the walk has a budget."""
    found: list[str] = []
    stack: list[tuple[SelectionSetNode, frozenset[str]]] = [(top, frozenset())]
    visits = 0
    while stack and visits < MAX_VISITS and len(found) < MAX_ROOTS:
        selections, spread = stack.pop()
        visits += 1
        nested: list[tuple[SelectionSetNode, frozenset[str]]] = []
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                found.append(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                nested.append((selection.selection_set, spread))
            elif isinstance(selection, FragmentSpreadNode):
                nested += _spread(selection, fragments, spread)
        stack.extend(reversed(nested))
    return found[:MAX_ROOTS]


def _spread(
    node: FragmentSpreadNode, fragments: dict[str, FragmentDefinitionNode], spread: frozenset[str]
) -> list[tuple[SelectionSetNode, frozenset[str]]]:
    """A fragment's selections, unless this path already spread it (a cycle) or it is unknown."""
    fragment = fragments.get(node.name.value)
    if fragment is None or fragment.name.value in spread:
        return []
    return [(fragment.selection_set, spread | {fragment.name.value})]
