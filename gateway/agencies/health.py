"""Health-checking registered agency endpoints now and then, so `agencies` tells the truth."""

from __future__ import annotations

import asyncio
import logging

from adapters.kinds import Agency
from gateway.services import Services
from gateway.store import queries
from gateway.store.models import EndpointRow

log = logging.getLogger(__name__)


async def check_endpoints(services: Services) -> dict[int, bool]:
    async with services.db.reading() as session:
        rows = await queries.endpoints(session)
    results = await asyncio.gather(*(services.endpoints.probe(Agency(r.agency), r.base_url) for r in rows))
    now = services.clock()
    changed = {r.id: ok for r, ok in zip(rows, results, strict=True) if r.healthy != ok}
    if changed:
        async with services.db.writing() as session:
            for endpoint_id, ok in changed.items():
                row = await session.get(EndpointRow, endpoint_id)
                if row is not None:
                    row.healthy, row.checked_at = ok, now
    return dict(zip((r.id for r in rows), results, strict=True))


async def keep_checking(services: Services, every_seconds: float) -> None:
    """Probes while endpoints are registered; with none, sleeps until one is."""
    while True:
        await services.endpoints.registered.wait()
        await asyncio.sleep(every_seconds)
        try:
            await check_endpoints(services)
        except Exception:  # a probe round must never take the process down
            log.exception("endpoint health check failed")
