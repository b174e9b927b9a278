"""Endpoints an operator configured (or the embedded mocks) for agencies that have not registered yet."""

from __future__ import annotations

from adapters.kinds import Agency
from gateway import store
from gateway.catalogue import kinds_of
from gateway.models import EndpointRow
from gateway.services import Services


def configured_url(services: Services, agency: Agency) -> str | None:
    settings = services.settings
    if agency.value in settings.agency_base_urls:
        return settings.agency_base_urls[agency.value].rstrip("/")
    if settings.serve_mocks and agency in services.endpoints.specs:
        return f"{settings.mocks_url}/{services.endpoints.specs[agency].SLUG}"
    return None


async def seed_endpoints(services: Services) -> None:
    now = services.clock()
    async with services.db.writing() as session:
        registered = {row.agency for row in await store.endpoints(session)}
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
