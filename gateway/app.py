"""The composition root: the one place that builds and wires everything (and imports `schema`)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute

from adapters.registry import load_specs
from gateway import migrate, store
from gateway.clock import Clock, utcnow
from gateway.db import Database, create_engine
from gateway.dispatch import Dispatcher
from gateway.domain.deadlines import WorkingCalendar, load_operator_schedule
from gateway.endpoints import Endpoints
from gateway.events import EventBus
from gateway.middleware import RequestIdMiddleware
from gateway.seeding import seed_endpoints
from gateway.services import Services
from gateway.settings import Settings
from schema import build_schema
from schema.http import GraphQLEndpoint


def calendar_of(settings: Settings) -> WorkingCalendar:
    file = settings.holiday_schedule_file
    return WorkingCalendar(load_operator_schedule(file) if file else None)


@asynccontextmanager
async def running_services(
    settings: Settings, *, clock: Clock = utcnow, http: httpx.AsyncClient | None = None, migrate_first: bool = True
) -> AsyncIterator[tuple[Services, Dispatcher]]:
    """Everything long-lived, opened in order and closed in reverse (also used by the worker)."""
    url = settings.effective_database_url
    if migrate_first:
        await migrate.upgrade(url)
    db = Database(create_engine(url))
    client = http or httpx.AsyncClient(follow_redirects=False, limits=httpx.Limits(max_connections=200))
    services = Services(
        settings, db, Endpoints(load_specs(), client, settings), EventBus(), calendar_of(settings), clock
    )
    dispatcher = Dispatcher(services)
    db.on_commit += [services.bus.publish, dispatcher.on_commit]
    try:
        await seed_endpoints(services)
        async with db.reading() as session:
            services.endpoints.load(await store.endpoints(session))
        yield services, dispatcher
    finally:
        await dispatcher.stop()
        if http is None:
            await client.aclose()
        await db.dispose()


def create_app(
    settings: Settings, *, clock: Clock = utcnow, http: httpx.AsyncClient | None = None, migrate_first: bool = True
) -> Starlette:
    graphql = GraphQLEndpoint(build_schema(), graphiql=settings.graphiql_enabled)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, object]]:
        async with running_services(settings, clock=clock, http=http, migrate_first=migrate_first) as (
            services,
            dispatcher,
        ):
            task = asyncio.create_task(dispatcher.run()) if settings.dispatcher else None
            try:
                yield {"services": services, "dispatcher": dispatcher}
            finally:
                if task is not None:
                    await dispatcher.stop()
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task

    return Starlette(
        routes=[
            Route(settings.graphql_path, graphql, methods=["GET", "POST"]),
            WebSocketRoute(settings.graphql_path, graphql),
            Route("/healthz", healthz, methods=["GET"]),
        ],
        middleware=[Middleware(RequestIdMiddleware)],
        lifespan=lifespan,
    )


async def healthz(request: Request) -> JSONResponse:
    services: Services = request.state.services
    try:
        async with services.db.reading() as session:
            await session.execute(text("SELECT 1"))
    except Exception:  # the probe reports; it does not explain internals to the caller
        return JSONResponse({"status": "unavailable", "database": False}, status_code=503)
    return JSONResponse({"status": "ok", "database": True})
