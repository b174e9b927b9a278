"""Each imitation agency registers its own endpoint with the gateway at start-up, as a real one would.

It speaks only the gateway's public contract (`registerAgencyEndpoint`) with its own agency token,
and keeps trying while the gateway is still starting.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import pkgutil
from types import ModuleType

import httpx

import mocks.agencies
from mocks.config import MockConfig

log = logging.getLogger("mocks.registration")
REGISTER = """mutation($input: RegisterAgencyEndpointInput!) {
  registerAgencyEndpoint(input: $input) { endpoint { agency baseUrl } errors { field code message } } }"""
ATTEMPTS = 120


def agency_modules() -> list[ModuleType]:
    modules = (
        importlib.import_module(f"mocks.agencies.{i.name}") for i in pkgutil.iter_modules(mocks.agencies.__path__)
    )
    return list(modules)


def kinds_of(module: ModuleType) -> list[str]:
    kinds = getattr(module, "KINDS", None)
    return sorted(kinds.values()) if isinstance(kinds, dict) else [module.KIND]


async def register_one(http: httpx.AsyncClient, config: MockConfig, module: ModuleType) -> bool:
    token = config.agency_tokens.get(module.AGENCY)
    if not (token and config.gateway_graphql_url and config.public_url):
        return False
    variables = {
        "input": {
            "agency": module.AGENCY,
            "baseUrl": f"{config.public_url}/{module.SLUG}",
            "itemKinds": kinds_of(module),
        }
    }
    for attempt in range(ATTEMPTS):
        try:
            response = await http.post(
                config.gateway_graphql_url,
                json={"query": REGISTER, "variables": variables},
                headers={"Authorization": f"Bearer {token}"},
            )
            errors = response.json().get("data", {}).get("registerAgencyEndpoint", {}).get("errors")
            if response.status_code == 200 and errors == []:
                return True
            log.warning("registering %s refused: %s", module.AGENCY, response.text[:300])
            return False
        except (httpx.HTTPError, ValueError, AttributeError):
            await asyncio.sleep(min(2.0, 0.1 * (attempt + 1)))  # the gateway is still starting
    return False


async def register_all(http: httpx.AsyncClient, config: MockConfig) -> int:
    results = await asyncio.gather(*(register_one(http, config, m) for m in agency_modules()))
    return sum(results)
