"""The GraphQL schema: contract.graphql's names, served by strawberry."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, ParserCache, QueryDepthLimiter, ValidationCache
from strawberry.schema.config import StrawberryConfig

from schema.errors import ShapeErrors
from schema.mutations import Mutation
from schema.queries import Query
from schema.subscriptions import Subscription
from schema.types import Case, CaseItem, Certificate, Person

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 2000


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[Case, CaseItem, Certificate, Person],  # Person: in the contract, for clients to reuse
        config=StrawberryConfig(auto_camel_case=True),
        # Factories: a fresh extension per request; the caches themselves are shared and bounded.
        extensions=[
            ShapeErrors,
            lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
            lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
        ],
    )
