"""HTTP requests counted for /metrics: by path, GraphQL operation and status, with their duration.

Labels come from what the client sent, so they are bounded: a path we do not serve is "(other)",
and only so many distinct operation names are kept before the rest count as "(other)" — otherwise
a client sending a fresh name with every request would grow the process's memory without end.
"""

from __future__ import annotations

import re
import time

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.observability.context import current_log_fields

HTTP_REQUESTS = Counter(
    "gateway_http_requests",
    "HTTP requests answered, by path, GraphQL operation name and status code",
    ["path", "operation", "status"],
)
HTTP_SECONDS = Histogram(
    "gateway_http_request_seconds",
    "Time from a request's arrival to the end of its answer, by path and GraphQL operation name",
    ["path", "operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
OTHER = "(other)"
ANONYMOUS = "(anonymous)"
MAX_OPERATION_NAMES = 200
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")


class OperationNames:
    """The first MAX_OPERATION_NAMES well-formed names seen are labels; any later one is OTHER."""

    def __init__(self, limit: int = MAX_OPERATION_NAMES) -> None:
        self._known: set[str] = set()
        self._limit = limit

    def label(self, name: str | None) -> str:
        if not name:
            return ANONYMOUS
        if name in self._known:
            return name
        if len(self._known) >= self._limit or not _NAME.fullmatch(name):
            return OTHER
        self._known.add(name)
        return name


class CountRequests:
    """Sits inside RequestIdMiddleware's log fields: the GraphQL layer adds the operation's name to the log fields
    of this request (schema/observe.py), and they are read here once the answer has gone."""

    def __init__(self, app: ASGIApp, graphql_path: str, paths: frozenset[str]) -> None:
        self.app = app
        self.graphql_path = graphql_path
        self.paths = paths | {graphql_path}
        self.names = OperationNames()
        self._children: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500  # an exception escaping before any answer is what the server then sends

        async def noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        started = time.perf_counter()
        try:
            await self.app(scope, receive, noting_status)
        finally:
            path = scope["path"] if scope["path"] in self.paths else OTHER
            operation = self.names.label(current_log_fields().get("operation")) if path == self.graphql_path else ""
            counted, timed = self._series(path, operation, status)
            counted.inc()
            timed.observe(time.perf_counter() - started)

    def _series(self, path: str, operation: str, status: int) -> tuple[Counter, Histogram]:
        """The request's counter and histogram, looked up once per label set (a few dozen: the paths,
        the operation names OperationNames lets through, the statuses) rather than on every request."""
        key = (path, operation, status)
        found = self._children.get(key)
        if found is None:
            found = self._children[key] = (
                HTTP_REQUESTS.labels(path, operation, str(status)),
                HTTP_SECONDS.labels(path, operation),
            )
        return found
