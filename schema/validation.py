"""Validation remembered per parsed document, by identity.

strawberry's ValidationCache keys its LRU on the document itself, and a graphql-core document
hashes as a frozen dataclass: every node, recursively, on every request (about 15 µs for the
README's `Follow`, a few per cent of a read that misses the response cache). The edge keeps one
document per query text (gateway/edge/operation.py), so the same text brings the same object and
its identity is key enough. The entry holds its document, so the id cannot be reused while it is
kept; a document parsed anew (a text too long to keep) is validated anew.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

MAX_DOCUMENTS = 256

Key = tuple[int, GraphQLSchema, tuple[type[ASTValidationRule], ...]]
_validated: OrderedDict[Key, tuple[DocumentNode, list[GraphQLError]]] = OrderedDict()


def validated(
    schema: GraphQLSchema, document: DocumentNode, rules: tuple[type[ASTValidationRule], ...]
) -> list[GraphQLError]:
    key = (id(document), schema, rules)
    kept = _validated.get(key)
    if kept is not None and kept[0] is document:
        _validated.move_to_end(key)
        return kept[1]
    errors = validate_document(schema, document, rules)
    _validated[key] = (document, errors)
    if len(_validated) > MAX_DOCUMENTS:
        _validated.popitem(last=False)
    return errors


class ValidationByDocument(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            context.pre_execution_errors = validated(
                context.schema._schema, context.graphql_document, context.validation_rules
            )
        yield
