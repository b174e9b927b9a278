"""The composition root: the one place that builds and wires everything (and imports `schema`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute

from adapters.registry import load_specs
from gateway.agencies.endpoints import Endpoints
from gateway.agencies.health import keep_checking
from gateway.agencies.notifier import sms_client
from gateway.agencies.registration import reload_endpoints
from gateway.agencies.seeding import seed_endpoints
from gateway.clock import Clock, utcnow
from gateway.dispatch import jobs
from gateway.dispatch.dispatcher import Dispatcher
from gateway.domain.deadlines import WorkingCalendar
from gateway.domain.time_limits import TimeLimits
from gateway.edge.cache import ResponseCache
from gateway.edge.headers import SecurityHeadersMiddleware
from gateway.edge.middleware import JSONErrorsMiddleware, RequestIdMiddleware
from gateway.edge.persisted import PersistedOperations
from gateway.edge.preflight import PreflightMiddleware
from gateway.edge.ratelimit import RateLimitMiddleware, RateLimits
from gateway.observability.exposition import metrics
from gateway.observability.metrics import CountRequests
from gateway.observability.readiness import readyz
from gateway.operator_files import load_operator_schedule, load_time_limits, load_trusted_documents
from gateway.portal.page import portal_routes
from gateway.security import redaction
from gateway.security.accesslog_buffer import AccessLogBuffer
from gateway.security.crypto import Keyring
from gateway.services import Services
from gateway.settings import Settings
from gateway.store import migrate
from gateway.store.db import Database, create_engine
from gateway.store.events import EventBus
from gateway.store.notify import Listener, notify_in_transaction
from gateway.store.reading import reading_engine
from gateway.store.signals import ENDPOINTS
from gateway.store.sole_writer import sole_writer
from gateway.store.versions import VersionBook
from schema import MAX_TOKENS, build_schema
from schema.graphiql import GraphiQLAssets, assets_path
from schema.http import GraphQLEndpoint


def keyring_of(settings: Settings) -> Keyring:
    return Keyring.of(settings.data_encryption_keys(), settings.data_digest_key())


def cors(settings: Settings) -> list[Middleware]:
    """Browsers may call us only from the origins an operator listed; none listed, no CORS at all."""
    if not settings.cors_origins:
        return []
    # GraphQL-Preflight: a multipart upload carries it (gateway/edge/multipart.py), so a listed origin must be let send it.
    methods, headers = ["GET", "POST"], ["Authorization", "Content-Type", "X-Request-Id", "GraphQL-Preflight"]
    return [
        Middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=methods, allow_headers=headers)
    ]


def persisted_operations(settings: Settings) -> PersistedOperations:
    file = settings.trusted_documents_file
    trusted = load_trusted_documents(file) if file else {}
    only = settings.trusted_documents_only
    return PersistedOperations(trusted, trusted_only=only, max_entries=settings.persisted_queries_kept)


def calendar_of(settings: Settings) -> WorkingCalendar:
    file = settings.holiday_schedule_file
    return WorkingCalendar(load_operator_schedule(file) if file else None)


def time_limits_of(settings: Settings) -> TimeLimits:
    file = settings.time_limits_file
    return load_time_limits(file) if file else TimeLimits()


@asynccontextmanager
async def running_services(
    settings: Settings, *, clock: Clock = utcnow, http: httpx.AsyncClient | None = None, migrate_first: bool = True
) -> AsyncIterator[tuple[Services, Dispatcher]]:
    """Everything long-lived, opened in order and closed in reverse (also used by the worker)."""
    url, keyring = settings.effective_database_url, keyring_of(settings)
    time_limits = time_limits_of(settings)  # a bad file stops the start, before anything opens
    with sole_writer(url) as alone:
        if migrate_first and settings.migrate_on_start:
            await migrate.upgrade(url, keyring)
        engine = create_engine(url, settings.database_pool_size, settings.database_max_overflow)
        db = Database(engine, keyring, *reading_engine(url, engine))
        client = http or httpx.AsyncClient(follow_redirects=False, limits=httpx.Limits(max_connections=200))
        endpoints = Endpoints(load_specs(), client, settings)
        sms = sms_client(settings, client)
        services = Services(settings, db, endpoints, EventBus(), calendar_of(settings), sms, clock, time_limits)
        services.access_buffer, services.versions = AccessLogBuffer(db), VersionBook(db, authoritative=alone)
        services.persisted = persisted_operations(settings)
        db.on_commit.append(services.versions.on_commit)
        dispatcher = Dispatcher(services)
        listening = _announce_changes(services, dispatcher)
        if alone:  # the sole SQLite writer: whoever held a lease before it has gone
            async with db.writing() as session:
                await jobs.release(session)
        background = [
            asyncio.create_task(keep_checking(services, settings.health_check_seconds)),
            asyncio.create_task(services.access_buffer.run()),
        ]
        try:
            await seed_endpoints(services)
            await reload_endpoints(services)
            yield services, dispatcher
        finally:
            stopping = [*background, *([listening] if listening else [])]
            for task in stopping:
                task.cancel()
            await asyncio.gather(*stopping, return_exceptions=True)  # each let go of what it held
            await dispatcher.stop()
            await services.access_buffer.flush()
            if http is None:
                await client.aclose()
            await db.dispose()


def _announce_changes(services: Services, dispatcher: Dispatcher) -> asyncio.Task[None] | None:
    """One process: hooks hear commits directly. PostgreSQL: every process hears every commit."""
    db = services.db

    async def on_signals(signals: frozenset[str]) -> None:
        await dispatcher.on_signals(signals)
        if ENDPOINTS in signals:
            await reload_endpoints(services)

    db.on_signals.append(on_signals)
    if db.engine.dialect.name != "postgresql":
        db.on_commit.append(services.bus.publish)
        return None
    db.before_commit.append(notify_in_transaction)
    listener = Listener(services.settings.effective_database_url, services.bus, on_signals)
    return asyncio.create_task(listener.run())


def create_app(
    settings: Settings, *, clock: Clock = utcnow, http: httpx.AsyncClient | None = None, migrate_first: bool = True
) -> Starlette:
    redaction.install()  # before anything logs: no identity number, phone or account in any log line
    limits = RateLimits.of(settings)  # one set of buckets for HTTP and the socket alike
    graphql = GraphQLEndpoint(
        build_schema(settings.introspection_enabled, settings.lean_reads), settings.graphiql_enabled, limits
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, object]]:
        async with running_services(settings, clock=clock, http=http, migrate_first=migrate_first) as (
            services,
            dispatcher,
        ):
            if settings.dispatcher:
                dispatcher.start()
            try:
                yield {"services": services, "dispatcher": dispatcher}
            finally:
                await dispatcher.stop()

    return Starlette(
        routes=[
            Route(settings.graphql_path, graphql, methods=["GET", "POST"]),
            WebSocketRoute(settings.graphql_path, graphql),
            *probes(),
            *graphiql_assets(settings),
            *portal_routes(settings),
        ],
        middleware=[
            Middleware(RequestIdMiddleware),
            Middleware(CountRequests, graphql_path=settings.graphql_path, paths=PROBE_PATHS),  # reads its log fields
            Middleware(
                SecurityHeadersMiddleware,
                graphql_path=settings.graphql_path,
                hsts=settings.public_url.startswith("https"),
            ),
            *cors(settings),
            Middleware(JSONErrorsMiddleware),
            # The body read (within its limit), the request parsed, the token verified: once, here.
            Middleware(PreflightMiddleware, settings=settings, max_tokens=MAX_TOKENS),
            Middleware(RateLimitMiddleware, limits=limits),  # reads what the preflight found
            # Last, before routing: a cached answer needs no route (only GraphQL requests have a preflight).
            *([Middleware(ResponseCache)] if settings.response_cache else []),
        ],
        lifespan=lifespan,
    )


PROBE_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def probes() -> list[BaseRoute]:
    """What operators and orchestrators ask: alive, ready for work, and the figures to scrape."""
    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]


def create_worker_app(services: Services, dispatcher: Dispatcher) -> Starlette:
    """The standalone worker's only HTTP: its probes, on GATEWAY_METRICS_PORT, over services it already runs."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, object]]:
        yield {"services": services, "dispatcher": dispatcher}

    return Starlette(routes=probes(), lifespan=lifespan)


def graphiql_assets(settings: Settings) -> list[BaseRoute]:
    """GraphiQL's scripts and styles, from this origin (no CDN), while GraphiQL is on."""
    return [Mount(assets_path(settings.graphql_path), GraphiQLAssets())] if settings.graphiql_enabled else []


async def healthz(request: Request) -> JSONResponse:
    services: Services = request.state.services
    try:
        async with services.db.reading() as session:
            await session.execute(text("SELECT 1"))
    except Exception:  # the probe reports; it does not explain internals to the caller
        return JSONResponse({"status": "unavailable", "database": False}, status_code=503)
    return JSONResponse({"status": "ok", "database": True})
