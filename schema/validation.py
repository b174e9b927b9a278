"""Validation remembered per parsed document, by identity.

strawberry's ValidationCache keys its LRU on the document itself, and a graphql-core document
hashes as a frozen dataclass: every node, recursively, on every request (about 15 µs for the
README's `Follow`, a few per cent of a read that misses the response cache). Here the document's
identity is the key (schema/remembered.py); a document parsed anew (a text too long to keep) is
validated anew.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from schema.remembered import Remembered

MAX_DOCUMENTS = 256

Rules = tuple[type[ASTValidationRule], ...]
_validated: Remembered[tuple[int, GraphQLSchema, Rules], list[GraphQLError]] = Remembered(MAX_DOCUMENTS)


_clean: Remembered[tuple[int, GraphQLSchema], bool] = Remembered(MAX_DOCUMENTS)


def validated(schema: GraphQLSchema, document: DocumentNode, rules: Rules) -> list[GraphQLError]:
    return _validated.get((id(document), schema, rules), document, partial(validate_document, schema, document, rules))


def validated_cleanly(schema: GraphQLSchema, document: DocumentNode) -> bool:
    """Whether the operation pipeline has validated this document for this schema, with all the
    rules its extensions add, and found nothing wrong (what schema/prepared.py asks)."""
    return _clean.peek((id(document), schema)) is True


class ValidationByDocument(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            errors = validated(context.schema._schema, document, context.validation_rules)
            context.pre_execution_errors = errors
            if not errors:
                _clean.put((id(document), context.schema._schema), document, True)
        yield
