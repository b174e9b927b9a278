"""Which agency modules exist. The item catalogue (gateway) says which kinds each one handles."""

from __future__ import annotations

import importlib
import pkgutil
from typing import cast

import adapters.agencies
from adapters.kinds import Agency
from adapters.spec import AgencySpec


def load_specs() -> dict[Agency, AgencySpec]:
    """Every module in `adapters.agencies` declares one agency; adding a module adds the agency."""
    specs: dict[Agency, AgencySpec] = {}
    for info in pkgutil.iter_modules(adapters.agencies.__path__):
        module = importlib.import_module(f"adapters.agencies.{info.name}")
        spec = cast(AgencySpec, module)
        specs[spec.AGENCY] = spec
    return specs


def base_urls_under(root: str) -> dict[str, str]:
    """GATEWAY_AGENCY_BASE_URLS for systems all mounted under one root (the mocks, run on their own):
    every agency at its slug, and the SMS gateway."""
    from adapters import sms  # the SMS gateway is not an agency module

    return {agency.value: f"{root}/{spec.SLUG}" for agency, spec in load_specs().items()} | {
        sms.NAME: f"{root}/{sms.SLUG}"
    }
