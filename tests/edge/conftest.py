"""The gateway app in this process, driven over HTTP (ASGITransport) and raw ASGI websockets."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from starlette.types import ASGIApp, Message

from gateway.app import create_app
from gateway.security.tokens import Role, issue_token
from gateway.settings import Settings

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{3,}")


@dataclass
class Gateway:
    http: httpx.AsyncClient
    app: ASGIApp
    settings: Settings

    def token(self, role: Role = Role.ADMIN, subject: str = "ops") -> str:
        return issue_token(self.settings, role, subject)

    async def post(
        self, body: object, accept: str = "application/graphql-response+json", token: str | None = None
    ) -> httpx.Response:
        """As a current client asks; `accept=""` sends no Accept header at all."""
        headers = {"Content-Type": "application/json"}
        headers |= {"Accept": accept} if accept else {}
        headers |= {"Authorization": f"Bearer {token}"} if token else {}
        return await self.http.post("/graphql", content=json.dumps(body), headers=headers)


@asynccontextmanager
async def running(data_dir: Path, **overrides: Any) -> AsyncIterator[Gateway]:
    settings = Settings(data_dir=data_dir, serve_mocks=False, dispatcher=False, **overrides)
    app = create_app(settings)
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield Gateway(http, manager.app, settings)


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[Gateway]:
    async with running(tmp_path) as running_gateway:
        yield running_gateway


def refusal(response: httpx.Response) -> dict[str, Any]:
    """The one error of a refusal, checked for the shape every client relies on."""
    assert response.headers["content-type"].split(";")[0] in ("application/json", "application/graphql-response+json")
    body = response.json()
    assert "data" not in body
    (error,) = body["errors"]
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    return error  # type: ignore[no-any-return]


def bilingual(message: str) -> bool:
    return bool(CHINESE.search(message) and ENGLISH.search(message))


async def websocket_exchange(app: ASGIApp, texts: list[str], replies: int) -> list[Message]:
    """Open /graphql as graphql-transport-ws, send `texts`, and collect what the server sends."""
    inbox: asyncio.Queue[Message] = asyncio.Queue()
    outbox: asyncio.Queue[Message] = asyncio.Queue()
    scope = {
        "type": "websocket",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "headers": [(b"host", b"gateway.test")],
        "subprotocols": ["graphql-transport-ws"],
        "scheme": "ws",
        "server": ("gateway.test", 80),
        "client": ("127.0.0.1", 5000),
        "asgi": {"version": "3.0"},
    }
    receive: Callable[[], Awaitable[Message]] = inbox.get
    task: asyncio.Task[None] = asyncio.ensure_future(app(scope, receive, outbox.put))
    await inbox.put({"type": "websocket.connect"})
    for text in texts:
        await inbox.put({"type": "websocket.receive", "text": text})
    sent = [await asyncio.wait_for(outbox.get(), 5) for _ in range(replies)]
    await inbox.put({"type": "websocket.disconnect", "code": 1000})
    await asyncio.wait_for(task, 5)
    return sent
