"""/metrics in Prometheus's text format, for loopback, the addresses an operator allowed, or a token.

The counters live in this process's default registry (HTTP requests, agency calls); the figures are
read at the moment of the scrape (gateway/observability/figures.py).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from gateway.observability.figures import Agencies, ScrapeFigures, read_figures
from gateway.services import Services
from gateway.settings import Settings

log = logging.getLogger(__name__)


def may_scrape(client_host: str | None, authorization: str | None, settings: Settings) -> bool:
    """Loopback always; an allowed address or network; or the bearer token, compared in constant time."""
    if settings.metrics_token and authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), settings.metrics_token.encode()):
            return True
    try:
        address = ipaddress.ip_address(client_host or "")
    except ValueError:
        return False  # no client address (a Unix socket) or a name: nobody we can vouch for
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or any(address in ipaddress.ip_network(n, strict=False) for n in settings.metrics_allow)


async def scrape(services: Services) -> bytes:
    try:
        figures = await read_figures(services.db, services.clock())
    except Exception as exc:  # the scrape still answers, with gateway_database_up 0
        log.warning("metrics: the database did not answer (%s)", type(exc).__name__)
        figures = None
    agencies = Agencies(
        circuits={a.value: s for a, s in services.endpoints.circuit_states().items()},
        healthy={a.value: ok for a, ok in services.endpoints.health().items()},
    )
    registry = CollectorRegistry(auto_describe=False)
    registry.register(ScrapeFigures(figures, agencies))
    return generate_latest(REGISTRY) + generate_latest(registry)


async def metrics(request: Request) -> Response:
    services: Services = request.state.services
    client = request.client.host if request.client else None
    if not may_scrape(client, request.headers.get("authorization"), services.settings):
        return PlainTextResponse("forbidden: /metrics answers loopback, GATEWAY_METRICS_ALLOW or a token\n", 403)
    return Response(await scrape(services), media_type=CONTENT_TYPE_LATEST)
