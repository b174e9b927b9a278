"""Endpoints an operator configured, for agencies that have not registered themselves yet."""

from __future__ import annotations

from adapters.kinds import Agency
from gateway.domain.catalogue import kinds_of
from gateway.services import Services
from gateway.store import queries
from gateway.store.models import EndpointRow


def configured_url(services: Services, agency: Agency) -> str | None:
    """Only what an operator configured: the embedded mocks register themselves, like real agencies."""
    url = services.settings.agency_base_urls.get(agency.value)
    return url.rstrip("/") if url else None


async def seed_endpoints(services: Services) -> None:
    now = services.clock()
    async with services.db.writing() as session:
        registered = {row.agency for row in await queries.endpoints(session)}
        for agency in Agency:
            url = configured_url(services, agency)
            if url is None or agency.value in registered:
                continue
            kinds = sorted(k.value for k in kinds_of(agency))
            session.add(
                EndpointRow(
                    agency=agency.value, base_url=url, item_kinds=kinds, registered_at=now,
                    registered_by="system:configuration", healthy=True, checked_at=None,
                )
            )  # fmt: skip
