"""The GraphQL endpoint over HTTP and graphql-transport-ws: who is asking, and their context."""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UnsetType

from gateway.auth import Principal, principal_from_token
from gateway.errors import Unauthenticated
from gateway.services import Services
from schema.context import Context


def bearer(value: str | None) -> str | None:
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class GraphQLEndpoint(GraphQL[Context, None]):
    def __init__(self, schema: Any, graphiql: bool) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if graphiql else None,
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            keep_alive=True,
            keep_alive_interval=15,
        )

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        services: Services = request.state.services
        request_id = getattr(request.state, "request_id", "-")
        token = bearer(request.headers.get("authorization"))
        try:
            principal = principal_from_token(services.settings, token) if token else None
        except Unauthenticated as exc:
            if isinstance(request, WebSocket):
                principal = None
            else:
                raise HTTPException(401, str(exc)) from None
        return Context(services=services, principal=principal, request_id=request_id)

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """graphql-transport-ws carries the token in connection_init: {"Authorization": "Bearer ..."}."""
        params = context.connection_params or {}
        raw = params.get("Authorization") or params.get("authorization")
        token = bearer(raw) if isinstance(raw, str) else None
        if token is None:
            return await super().on_ws_connect(context)
        try:
            context.principal = _principal(context, token)
        except Unauthenticated:
            raise ConnectionRejectionError({"message": "令牌无效或已过期 (invalid token)"}) from None
        return await super().on_ws_connect(context)


def _principal(context: Context, token: str) -> Principal:
    return principal_from_token(context.services.settings, token)
