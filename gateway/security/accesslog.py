"""Who read or changed which case, when, through which operation: the access log (not the timeline).

The timeline tells a family what happened to their case; the access log tells an auditor who
looked at it. It is written by the GraphQL layer for every case a response carried, and read by
administrators only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import select

from gateway.errors import InvalidArgument
from gateway.security.policy import accountable_name, permit
from gateway.security.tokens import Principal
from gateway.services import Services
from gateway.store.models import AccessLogRow

log = logging.getLogger(__name__)

READ, CHANGE = "READ", "CHANGE"
MAX_ENTRIES = 500
MAX_OPERATION = 200


async def record(
    services: Services,
    principal: Principal | None,
    case_ids: Iterable[str],
    *,
    action: str,
    operation: str,
    request_id: str,
) -> None:
    if principal is None:
        return  # nobody without a token reaches a case; nothing to account for
    now, who = services.clock(), accountable_name(principal, services.db.keyring)
    rows = [
        {
            "at": now, "case_id": case_id, "actor": who, "role": principal.role.value, "action": action,
            "operation": operation[:MAX_OPERATION], "request_id": request_id[:64],
        }
        for case_id in sorted(set(case_ids))
    ]  # fmt: skip
    if rows and services.access_buffer is not None:
        services.access_buffer.add(rows)
    elif rows:
        await services.db.append(AccessLogRow, rows)


async def entries(
    services: Services, principal: Principal | None, case_id: str | None, first: int
) -> list[AccessLogRow]:
    permit(principal, "accessLog")
    if services.access_buffer is not None:
        await services.access_buffer.flush()  # what this process has noted is shown, not just what is written
    if not 1 <= first <= MAX_ENTRIES:
        raise InvalidArgument(f"first 应在 1 到 {MAX_ENTRIES} 之间 (first must be 1..{MAX_ENTRIES})")
    query = select(AccessLogRow).order_by(AccessLogRow.id.desc()).limit(first)
    if case_id is not None:
        query = query.where(AccessLogRow.case_id == case_id)
    async with services.db.reading() as session:
        return list(await session.scalars(query))
