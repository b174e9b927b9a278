"""The operation a GraphQL document runs, and the root fields it asks for with fragments expanded.

The edge decides from this what a request costs and whether its answer may be remembered, so it
must see what the executor will run: fragment spreads, inline fragments and aliases included.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

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

Counts = dict[str, int]  # root field name: occurrences (an alias is another occurrence), first seen first


@dataclass(frozen=True)
class Operation:
    kind: OperationType
    counts: tuple[tuple[str, int], ...]
    readable: bool = True  # False: nested beyond what could be walked (validation will refuse it)

    @cached_property  # an operation is shared by every request of its text (`document_and_operation`)
    def roots(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.counts)

    def occurrences(self, name: str) -> int:
        return sum(n for field, n in self.counts if field == name)

    def label(self) -> str:
        """How the access log names it: `query:case,cases`."""
        return self._label

    @cached_property
    def _label(self) -> str:
        return f"{self.kind.value}:{','.join(self.roots)}"


# Clients repeat the same few texts, so what a text parses to is kept, up to 1,024 texts; but only
# short ones: a client sending distinct texts up to the body limit (256 KiB) would pin 256 MB.
KEPT_TEXT_CHARS = 16 * 1024


def document_and_operation(
    query: str, max_tokens: int, name: str | None
) -> tuple[DocumentNode | None, Operation | None]:
    """The document and the operation it runs (a socket's operations are read here too)."""
    if len(query) <= KEPT_TEXT_CHARS and (name is None or len(name) <= KEPT_TEXT_CHARS):
        return _kept_understanding(query, max_tokens, name)
    return _understanding(query, max_tokens, name)


def parse_document(query: str, max_tokens: int) -> DocumentNode | None:
    """None when it does not parse: strawberry reports why, as a GraphQL request error."""
    try:
        return parse(query, max_tokens=max_tokens)
    except (GraphQLError, RecursionError):
        return None


def _understanding(query: str, max_tokens: int, name: str | None) -> tuple[DocumentNode | None, Operation | None]:
    document = parse_document(query, max_tokens)
    return document, operation_of(document, name) if document is not None else None


_kept_understanding = lru_cache(maxsize=1024)(_understanding)


def operation_of(document: DocumentNode, name: str | None) -> Operation | None:
    """The operation `name` selects (or the only one); None when there is no such one."""
    chosen = get_operation_ast(document, name)
    if chosen is None:
        return None
    fragments = _Fragments(document)
    try:
        counts = fragments.counts(chosen.selection_set)
    except RecursionError:
        return Operation(chosen.operation, (), readable=False)
    return Operation(chosen.operation, tuple(counts.items()))


class _Fragments:
    """Root fields counted through fragments, each fragment once (memoised). This runs before
    validation: a fragment may spread itself in a cycle (counted as nothing: validation refuses
    it), or fan out exponentially within the token limit (counted, never walked path by path)."""

    def __init__(self, document: DocumentNode) -> None:
        self.definitions = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.done: dict[str, Counts] = {}
        self.open: set[str] = set()

    def counts(self, selections: SelectionSetNode) -> Counts:
        counts: Counts = {}
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                _add(counts, {selection.name.value: 1})
            elif isinstance(selection, InlineFragmentNode):
                _add(counts, self.counts(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                _add(counts, self.spread(selection.name.value))
        return counts

    def spread(self, name: str) -> Counts:
        if name in self.done:
            return self.done[name]
        if name in self.open or name not in self.definitions:
            return {}
        self.open.add(name)
        self.done[name] = self.counts(self.definitions[name].selection_set)
        self.open.discard(name)
        return self.done[name]


def _add(into: Counts, more: Counts) -> None:
    for name, n in more.items():
        into[name] = into.get(name, 0) + n
