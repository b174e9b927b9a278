"""The imitation agencies as one Starlette app: each agency mounted at /{slug}, admin at the root."""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

import httpx
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount

import mocks.agencies
from mocks import admin, sms
from mocks.config import MockConfig
from mocks.registration import register_all
from mocks.world import World

__all__ = ["MockConfig", "World", "create_app"]


class State(TypedDict):
    world: World


def _agency_mounts() -> list[BaseRoute]:
    """Every module in `mocks.agencies` is one agency's system."""
    mounts: list[BaseRoute] = []
    for info in pkgutil.iter_modules(mocks.agencies.__path__):
        module = importlib.import_module(f"mocks.agencies.{info.name}")
        mounts.append(Mount(f"/{module.SLUG}", routes=module.routes()))
    return mounts


def create_app(config: MockConfig) -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[State]:
        async with httpx.AsyncClient(timeout=5.0) as http:
            world = World(config, http)
            registering = asyncio.create_task(register_all(http, config))
            try:
                yield {"world": world}
            finally:
                registering.cancel()
                await world.callbacks.close()

    mounts = [*_agency_mounts(), Mount(f"/{sms.SLUG}", routes=sms.routes())]
    return Starlette(routes=admin.routes() + mounts, lifespan=lifespan)
