"""Live status: `caseUpdated` pushes the case after every committed change (graphql-transport-ws)."""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator

import strawberry

from gateway.cases import reads
from gateway.errors import Forbidden, Unauthenticated
from gateway.ids import from_global
from gateway.security import accesslog
from gateway.security.policy import permit
from schema.arguments import CaseId, SinceVersion
from schema.context import Info, Loaders
from schema.types import Case


async def _current(info: Info, case_id: str) -> Case | None:
    info.context.loaders = Loaders.for_request(info.context.services)  # each message reads afresh
    row = await info.context.loaders.cases.load(case_id)
    row = await reads.visible(info.context.services.db, info.context.principal, row)
    return Case(row=row) if row else None


def _token_still_valid(info: Info) -> None:
    """A subscription outlives the message that started it: each push is held to the token's expiry."""
    principal, settings = info.context.principal, info.context.services.settings
    if principal is not None and principal.expired(time.time(), settings.jwt_leeway_seconds):
        raise Unauthenticated("令牌已过期，请重新登录后再订阅 (token expired)")


async def _account(info: Info, case_id: str) -> None:
    c = info.context
    operation = "subscription:caseUpdated"
    await accesslog.record(
        c.services, c.principal, [case_id], action=accesslog.READ, operation=operation, request_id=c.request_id
    )


NOT_YOURS = "未找到该申请，或您无权订阅 (no such case, or not yours to follow)"


@strawberry.type(description="订阅（graphql-transport-ws）/ live updates over graphql-transport-ws")
class Subscription:
    @strawberry.subscription(
        description=(
            "订阅申请变更：先推送当前状态，此后每次变更推送一次（version 递增）；重连时传入上次收到的 sinceVersion，"
            "仅在其后有变更时推送当前状态 / the case as it is now, then after each change; reconnecting with "
            "sinceVersion (the version last received) sends the present state only if it changed since"
        )
    )
    async def case_updated(
        self, info: Info, case_id: CaseId, since_version: SinceVersion = None
    ) -> AsyncGenerator[Case, None]:
        permit(info.context.principal, "caseUpdated")
        decoded = from_global(case_id, "Case")
        if decoded is None:
            raise Forbidden(NOT_YOURS)
        key = decoded[1]
        # Listening before reading: a change committed between the two is queued, never lost.
        async with info.context.services.bus.subscribe(key) as queue:
            present = await _current(info, key)
            if present is None:
                raise Forbidden(NOT_YOURS)
            last = since_version if since_version is not None else -1
            if present.row.version > last:
                await _account(info, key)
                yield present
                last = present.row.version
            while True:
                change = await queue.get()
                if change.version <= last:
                    continue  # already sent a newer state
                _token_still_valid(info)
                case = await _current(info, key)
                if case is None:
                    return
                last = case.row.version
                await _account(info, key)
                yield case
