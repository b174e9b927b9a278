"""The operation a GraphQL document runs, and the root fields it asks for with fragments expanded.

The edge decides from this what a request costs and whether its answer may be remembered, so it
must see what the executor will run: fragment spreads, inline fragments and aliases included.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

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

MAX_ROOTS = 1000


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
    # Fragments may fan out exponentially within the token limit: the first MAX_ROOTS decide.
    roots = islice(_fields(chosen.selection_set, fragments, frozenset()), MAX_ROOTS)
    return Operation(chosen.operation, tuple(roots))


def _fields(
    selections: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode], spread: frozenset[str]
) -> Iterator[str]:
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            yield selection.name.value
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments, spread)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in spread:
            # `spread` stops a fragment that spreads itself (validation refuses it; we must not loop first)
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                yield from _fields(fragment.selection_set, fragments, spread | {fragment.name.value})
