"""/readyz: may a load balancer send this process work? The database answers, its schema is the one
this code was written for, and the dispatcher this process started still runs.

Everything is checked when asked, in this process: no timer wakes an idle process to keep a verdict
fresh (the dispatcher sleeps while there is nothing to do; a finished task is how it shows it died).
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse

from gateway.services import Services
from gateway.store.migrate import applied_revisions, head_revisions

log = logging.getLogger(__name__)
OK = "ok"
CHECK_WITHIN_SECONDS = 3.0  # a probe that hangs is as bad as one that fails, and slower to say so


async def checks(services: Services, dispatcher: asyncio.Task[None] | None) -> dict[str, str]:
    """Each check's verdict: "ok" or what is wrong, in words an operator can act on."""
    found = {"database": OK, "migrations": OK}
    try:
        async with asyncio.timeout(CHECK_WITHIN_SECONDS), services.db.reading() as session:
            await session.execute(text("SELECT 1"))
            try:
                applied = await applied_revisions(session)
            except Exception:
                applied = frozenset()
    except Exception as exc:
        log.warning("readiness: the database did not answer (%s)", type(exc).__name__)
        found["database"] = "unreachable"
        found["migrations"] = "unknown: the database did not answer"
    else:
        if applied != head_revisions():
            shown = ", ".join(sorted(applied)) or "none"
            found["migrations"] = f"database at {shown}, code expects {', '.join(sorted(head_revisions()))}"
    if dispatcher is not None:
        found["dispatcher"] = "stopped" if dispatcher.done() else OK
    return found


async def readyz(request: Request) -> JSONResponse:
    services: Services = request.state.services
    task: asyncio.Task[None] | None = request.state.dispatcher.task
    found = await checks(services, task)
    failing = sorted(name for name, verdict in found.items() if verdict != OK)
    if failing:
        return JSONResponse({"status": "unready", "failing": failing, "checks": found}, status_code=503)
    return JSONResponse({"status": "ready", "checks": found})
