"""The GraphQL schema: contract.graphql's names, served by strawberry."""

from __future__ import annotations

import strawberry
from graphql import ASTValidationRule
from strawberry.extensions import AddValidationRules, DisableIntrospection, MaxTokensLimiter
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.config import StrawberryConfig

from schema.accounting import AccountForAccess
from schema.cost import QueryCost
from schema.errors import GatewaySchema, ParserCacheInsideMasking, ShapeErrors
from schema.items import CaseItem, Certificate
from schema.lean_execution import LeanExecutionContext
from schema.mutations import Mutation
from schema.observe import ObserveOperation
from schema.people import Person
from schema.queries import Query
from schema.scalars import scalar_map
from schema.subscriptions import Subscription
from schema.types import Case
from schema.validation import ValidationByDocument

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 2000


def build_schema(introspection: bool = True, lean_reads: bool = True) -> strawberry.Schema:
    # The depth and alias rules are made once: validation is remembered by the rule classes, and
    # strawberry's limiter extensions would make new classes for every request (never a hit).
    limits: list[type[ASTValidationRule]] = [depth_rule(MAX_DEPTH, None), alias_rule(MAX_ALIASES)]
    return GatewaySchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[Case, CaseItem, Certificate, Person],  # Person: in the contract, for clients to reuse
        config=StrawberryConfig(auto_camel_case=True, scalar_map=scalar_map()),
        # Reads skip graphql-core's per-field machinery when they can, answering the same (schema/lean_execution.py)
        execution_context_class=LeanExecutionContext if lean_reads else None,
        # Factories: a fresh extension per request; the caches themselves are shared and bounded.
        extensions=[
            ObserveOperation,  # first: the operation's name on every line logged while it runs
            lambda: ShapeErrors(hide_suggestions=not introspection),  # suggestions would map the schema too
            lambda: AddValidationRules(limits),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: ParserCacheInsideMasking(maxsize=256),
            ValidationByDocument,
            QueryCost,  # after validation, with the variables: refuses costly queries before execution
            AccountForAccess,  # the access log: which cases each response carried, to whom
            *([] if introspection else [DisableIntrospection]),  # production hides the schema's map
        ],
    )
