"""The strawberry internals schema/http.py, schema/errors.py, schema/hooks.py, schema/prepared.py
and schema/live_tokens.py override or call are where we left them.

The endpoint reads the edge's preflight through strawberry's request adapter and its request
parsing (`parse_http_body`), maps refusals in `execute_single`, writes the answer's bytes in
`create_response` and negotiates the media type in `run`; the error shaping reads a result's
errors in `_process_result`; the schema answers a prepared read in `execute` (schema/prepared.py,
with strawberry's `_get_execute_function`) and runs its extensions' hooks through
`create_extensions_runner`, whose stages look each hook up in `get_hook`; the socket handler wraps `handle`, `handle_message`, `send_message`
and `shutdown`. None of these is documented, so strawberry is pinned exactly (pyproject.toml) and
this test fails, naming the method, when an upgrade renames one, changes its parameters or stops
calling it.
"""

from __future__ import annotations

import inspect
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import strawberry
from strawberry.extensions.context import ExtensionContextManagerBase
from strawberry.extensions.mask_errors import MaskErrors
from strawberry.http.async_base_view import AsyncBaseHTTPView
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler

from schema.errors import GatewaySchema, ShapeErrors
from schema.hooks import _Known
from schema.http import GraphQLEndpoint
from schema.live_tokens import TokenBoundHandler

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
# (our class, strawberry's class, method, where strawberry calls it)
OVERRIDES = [
    (GraphQLEndpoint, AsyncBaseHTTPView, "run", None),
    (GraphQLEndpoint, AsyncBaseHTTPView, "parse_http_body", "run"),
    (GraphQLEndpoint, AsyncBaseHTTPView, "execute_single", "execute_operation"),
    (GraphQLEndpoint, AsyncBaseHTTPView, "create_response", "run"),
    (ShapeErrors, MaskErrors, "_process_result", "on_operation"),
    (TokenBoundHandler, BaseGraphQLTransportWSHandler, "handle", None),
    (TokenBoundHandler, BaseGraphQLTransportWSHandler, "handle_message", "handle"),
    (TokenBoundHandler, BaseGraphQLTransportWSHandler, "send_message", "handle_connection_init"),
    (TokenBoundHandler, BaseGraphQLTransportWSHandler, "shutdown", "handle"),
    (GatewaySchema, strawberry.Schema, "create_extensions_runner", "execute"),
    (GatewaySchema, strawberry.Schema, "execute", None),
    (_Known, ExtensionContextManagerBase, "get_hook", "__init__"),
]


def parameters(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_strawberry_is_pinned_to_the_version_checked_here() -> None:
    pinned = re.search(r'"strawberry-graphql\[asgi\]==([^"]+)"', PYPROJECT.read_text(encoding="utf-8"))
    assert pinned is not None, "pyproject.toml must pin strawberry-graphql exactly: schema/http.py overrides internals"
    assert version("strawberry-graphql") == pinned.group(1)


@pytest.mark.parametrize(("ours", "theirs", "name", "caller"), OVERRIDES, ids=[o[2] for o in OVERRIDES])
def test_an_overridden_strawberry_method_keeps_its_signature_and_its_caller(
    ours: type, theirs: type, name: str, caller: str | None
) -> None:
    base = getattr(theirs, name, None)
    assert base is not None, f"strawberry no longer has {theirs.__name__}.{name}: revisit {ours.__name__}.{name}"
    assert parameters(getattr(ours, name)) == parameters(base), f"{theirs.__name__}.{name} changed its parameters"
    if caller is not None:
        source = inspect.getsource(getattr(theirs, caller))
        assert f"self.{name}(" in source, f"strawberry's {caller} no longer calls {name}: our override is dead"


def test_what_a_prepared_read_calls_is_there() -> None:
    """schema/prepared.py executes as strawberry's pipeline would, with its execute function."""
    schema = strawberry.Schema(query=_Query)
    assert callable(schema._get_execute_function()) and schema.execution_context_class is not None
    assert "self._get_execute_function()" in inspect.getsource(strawberry.Schema.execute)
    executing = inspect.getsource(strawberry.Schema._execute_operation)
    assert "execution_context_class_kwargs(self.execution_context_class)" in executing


@strawberry.type
class _Query:
    ping: str = "pong"


def test_the_request_adapter_and_the_socket_state_we_rely_on_are_there() -> None:
    assert "request_adapter_class" in vars(AsyncBaseHTTPView).get("__annotations__", {})
    init = inspect.getsource(BaseGraphQLTransportWSHandler.__init__)
    assert all(f"self.{name} =" in init for name in ("view", "context", "connection_acknowledged"))
