"""Writing the access log for every case a GraphQL response carries (gateway/security/accesslog.py).

Each Case, CaseItem and Certificate the schema builds notes its case here; the extension opens
the collection before execution and writes one row per case after it, naming the operation by
its root fields. Subscriptions are accounted per message in schema/subscriptions.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextvars import ContextVar
from datetime import datetime
from functools import lru_cache
from typing import Annotated

import strawberry
from graphql import FieldNode, OperationDefinitionNode, parse
from starlette.types import Scope
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from gateway.clock import CHINA
from gateway.ids import to_global
from gateway.security import accesslog
from gateway.security.tokens import principal_from_token
from gateway.services import Services
from gateway.store.models import AccessLogRow

_seen: ContextVar[set[str] | None] = ContextVar("cases_in_response", default=None)


def note_case(case_id: str) -> None:
    seen = _seen.get()
    if seen is not None:
        seen.add(case_id)


def operation_label(kind: str, document: object, operation_name: str | None) -> str:
    roots: list[str] = []
    for definition in getattr(document, "definitions", ()):
        if isinstance(definition, OperationDefinitionNode) and (
            operation_name is None or (definition.name and definition.name.value == operation_name)
        ):
            roots += [s.name.value for s in definition.selection_set.selections if isinstance(s, FieldNode)]
    return f"{kind}:{','.join(roots)}"


class AccountForAccess(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        seen: set[str] = set()
        token = _seen.set(seen)
        try:
            yield
        finally:
            _seen.reset(token)
        await self._write(seen)

    async def _write(self, seen: set[str]) -> None:
        ec = self.execution_context
        if not seen or ec.operation_type == OperationType.SUBSCRIPTION:
            return
        context = ec.context
        kind = ec.operation_type.value
        action = accesslog.CHANGE if ec.operation_type == OperationType.MUTATION else accesslog.READ
        label = operation_label(kind, ec.graphql_document, ec.operation_name)
        await accesslog.record(
            context.services, context.principal, seen, action=action, operation=label, request_id=context.request_id
        )


LogCaseId = Annotated[strawberry.ID | None, strawberry.argument(description="只看该申请（全局 ID）/ only this case")]
LogFirst = Annotated[int, strawberry.argument(description="最多条数（1–500）/ at most this many, 1 to 500")]


@strawberry.type(
    description="访问记录：谁在何时通过何种操作读取或变更了哪个申请 / who read or changed which case, when, how"
)
class AccessLogEntry:
    row: strawberry.Private[AccessLogRow]

    @strawberry.field(description="时间 / when")
    def at(self) -> datetime:
        return self.row.at.astimezone(CHINA)

    @strawberry.field(description="申请的全局 ID / the case")
    def case_id(self) -> strawberry.ID:
        return strawberry.ID(to_global("Case", self.row.case_id))

    @strawberry.field(description="访问者（申请人以摘要表示）/ who; applicants by keyed digest")
    def actor(self) -> str:
        return self.row.actor

    @strawberry.field(description="角色 / role")
    def role(self) -> str:
        return self.row.role

    @strawberry.field(description="类型：读取 READ 或变更 CHANGE / read or change")
    def action(self) -> str:
        return self.row.action

    @strawberry.field(description="操作，如 query:case / the operation and its root fields")
    def operation(self) -> str:
        return self.row.operation

    @strawberry.field(description="请求 ID / request id, as in the logs")
    def request_id(self) -> str:
        return self.row.request_id


@lru_cache(maxsize=1024)
def _query_label(query: str, name: str | None) -> str:
    return operation_label("query", parse(query), name)


async def account_cached(
    services: Services, scope: Scope, authorization: bytes, case_ids: list[str], query: str, name: str | None
) -> None:
    """Log a read answered by schema/cache.py without executing (it re-checked the token already)."""
    scheme, _, token = authorization.decode("latin-1").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return
    principal = principal_from_token(services.settings, token.strip())
    request_id = str(scope.get("state", {}).get("request_id", "-"))
    label = _query_label(query, name)
    await accesslog.record(services, principal, case_ids, action=accesslog.READ, operation=label, request_id=request_id)
