"""The gateway app in this process: HTTP through ASGITransport, no mocks, no dispatcher by default."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from asgi_lifespan import LifespanManager
from sqlalchemy import event
from starlette.types import ASGIApp

from gateway.app import create_app
from gateway.clock import Clock, utcnow
from gateway.security.tokens import Role, issue_token
from gateway.services import Services
from gateway.settings import Settings
from gateway.store.db import Database


@dataclass
class InProcess:
    http: httpx.AsyncClient
    services: Services
    statements: list[str]
    app: ASGIApp  # for a client of its own (another address: httpx.ASGITransport(app, client=...))

    def token(self, role: Role, subject: str, **claims: Any) -> str:
        return issue_token(self.services.settings, role, subject, **claims)

    async def graphql(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return await self.http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)


@asynccontextmanager
async def gateway_in_process(
    data_dir: Path, *, clock: Clock = utcnow, agencies: httpx.AsyncClient | None = None, **settings: Any
) -> AsyncIterator[InProcess]:
    """`agencies`: the client agency calls go through (e.g. to the mocks in process); none: real HTTP."""
    config = Settings(**{"data_dir": data_dir, "serve_mocks": False, "dispatcher": False, **settings})
    app = create_app(config, clock=clock, http=agencies)
    # A busy machine (CI runs everything on 2 cores) may take more than the default 5 s to start or stop it.
    async with LifespanManager(app, startup_timeout=30, shutdown_timeout=30) as manager:
        services: Services = manager._state["services"]
        statements: list[str] = []
        event.listen(services.db.engine.sync_engine, "before_cursor_execute", lambda *a: _count(statements, a[2]))
        await _count_reads(services.db, statements)
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield InProcess(http, services, statements, manager.app)


async def _count_reads(db: Database, statements: list[str]) -> None:
    """SQLite reads run on their own connections (gateway/store/inline_sqlite.py), some on the
    driver's cursor without SQLAlchemy's events (record_reads.py): SQLite's own trace sees them all."""
    reader = db.reader
    if reader is None or reader.dialect.name != "sqlite":
        return  # PostgreSQL reads share the writers' engine, whose events count them
    trace = partial(_count, statements)
    event.listen(
        reader.sync_engine, "connect", lambda dbapi, _record: dbapi.driver_connection._conn.set_trace_callback(trace)
    )
    await reader.dispose()  # the connections opened while starting up are traced too, once reopened
    if db.loop_reads is not None:
        db.loop_reads.on_connect.append(lambda connection: connection.set_trace_callback(trace))
        db.loop_reads.close()


def _count(statements: list[str], statement: str) -> None:
    # The access log's one insert per request is accounting, not reading: it is not counted.
    if not statement.startswith("INSERT INTO access_log"):
        statements.append(statement)
