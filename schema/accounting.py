"""Writing the access log for every case a GraphQL response carries (gateway/security/accesslog.py).

A resolver that returns a Case, CaseItem or Certificate says so (`Context.saw_case`); the extension
opens the record before execution and, after it, writes one row per case, naming the operation by
its root fields, and hands the versions of the Cases shown to the response cache (the request's
preflight, gateway/edge/cache.py). The record is per execution, not per Context: the operations of
one socket share a Context. Subscriptions are accounted per message in schema/subscriptions.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Annotated, Any

import strawberry
from graphql import DocumentNode
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from gateway.clock import CHINA
from gateway.edge.operation import operation_of
from gateway.ids import to_global
from gateway.security import accesslog
from gateway.store.models import AccessLogRow
from schema.remembered import Remembered


@dataclass
class CasesShown:
    ids: set[str] = field(default_factory=set)  # every case the answer carries something of
    versions: dict[str, int] = field(default_factory=dict)  # the version each Case shown was at


_shown: ContextVar[CasesShown | None] = ContextVar("cases_shown", default=None)


def record_case(case_id: str, version: int | None) -> None:
    """What `Context.saw_case` records into the operation now executing (none: nothing to account)."""
    shown = _shown.get()
    if shown is not None:
        shown.ids.add(case_id)
        if version is not None:
            shown.versions[case_id] = version


def operation_label(kind: str, document: DocumentNode | None, operation_name: str | None) -> str:
    """Worked out once per document and operation (schema/remembered.py): every read is logged."""
    if document is None:
        return f"{kind}:"
    return _labels.get((id(document), operation_name, kind), document, partial(_label, kind, document, operation_name))


def _label(kind: str, document: DocumentNode, operation_name: str | None) -> str:
    operation = operation_of(document, operation_name)
    return operation.label() if operation is not None else f"{kind}:"


_labels: Remembered[tuple[int, str | None, str], str] = Remembered(512)


class AccountForAccess(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        with cases_shown() as shown:
            yield
        ec = self.execution_context
        await account(ec.context, ec.operation_type, ec.graphql_document, ec.operation_name, shown)


@contextmanager
def cases_shown() -> Iterator[CasesShown]:
    """What `record_case` records while the block executes an operation."""
    shown = CasesShown()
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)


async def account(
    context: Any, kind: OperationType, document: DocumentNode | None, operation_name: str | None, shown: CasesShown
) -> None:
    """The access log's rows for the cases an operation's answer carried, and the versions of those
    shown for the response cache. Subscriptions account per message instead."""
    if not shown.ids or kind == OperationType.SUBSCRIPTION:
        return
    if context.cases_read is not None:
        context.cases_read.update(shown.versions)
    action = accesslog.CHANGE if kind == OperationType.MUTATION else accesslog.READ
    await accesslog.record(
        context.services,
        context.principal,
        shown.ids,
        action=action,
        operation=operation_label(kind.value, document, operation_name),
        request_id=context.request_id,
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
