"""The GraphQL endpoint over HTTP and graphql-transport-ws: who is asking, and their context.

Over HTTP it speaks GraphQL over HTTP (schema/refusals.py): every refusal is a 4xx with the JSON
error shape, a request error (parse, validation, variables, limits) is 400 when answering in
`application/graphql-response+json` and 200 in `application/json`, an executed operation is 200.
"""

from __future__ import annotations

import logging
from typing import Any

import strawberry
from cross_web import AsyncHTTPRequestAdapter, HTTPException, StarletteRequestAdapter
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError, MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData, process_result
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET, UnsetType

from gateway.edge import graphql_request
from gateway.edge.graphql_request import JSON
from gateway.edge.middleware import error_response, status_response
from gateway.edge.preflight import Preflight, bearer, preflight_of
from gateway.edge.ratelimit import RateLimits, client_address
from gateway.errors import Unauthenticated
from gateway.json_decoding import decode_json
from gateway.security.tokens import Principal, principal_from_token
from gateway.services import Services
from schema import json_text, refusals
from schema.context import Context
from schema.errors import shape
from schema.graphiql import graphiql_response
from schema.http_prepared import OVER_HTTP, answered_prepared, http_context, left_to_the_pipeline
from schema.live_tokens import TokenBoundHandler
from schema.refusals import GRAPHQL_RESPONSE, Refusal, refusal

log = logging.getLogger("gateway.http")


class _WithPreflight(StarletteRequestAdapter):
    """strawberry's view of the request, with what the edge already read, parsed and verified."""

    def __init__(self, request: Request) -> None:
        super().__init__(request)
        self.preflight = preflight_of(request.scope)


class GraphQLEndpoint(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = TokenBoundHandler  # the socket ends with its token (schema/live_tokens.py)
    request_adapter_class = _WithPreflight
    schema: strawberry.Schema  # as built (schema/__init__.py); strawberry's view types it as any schema

    def __init__(self, schema: strawberry.Schema, graphiql: bool, limits: RateLimits | None = None) -> None:
        self.limits = limits  # for operations over the socket; HTTP pays at the edge (gateway/edge/ratelimit.py)
        super().__init__(
            schema,
            graphql_ide="graphiql" if graphiql else None,
            allow_queries_via_get=True,
            multipart_uploads_enabled=True,  # read at the edge (gateway/edge/multipart.py), CSRF header and all
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            keep_alive=True,
            keep_alive_interval=15,
        )

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """GraphiQL's page is for a GET that asks for no operation. strawberry looks for `query`
        alone, so a persisted query's GET (its hash in `extensions`) from an app that accepts */*
        was answered with the page, or refused where GraphiQL is off."""
        return super().should_render_graphql_ide(request) and not request.query_params.get("extensions")

    async def render_graphql_ide(self, request: Request) -> Response:
        return graphiql_response()  # served from this origin, opening on a working example

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        if await answered_prepared(self.schema, scope, send):
            return
        request = Request(scope, receive)
        try:
            response = await self.run(request)
        except HTTPException as exc:
            response = refused(request, exc)
        await response(scope, receive, send)

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        if self.is_websocket_request(request):
            return await super().run(request, context, root_value)
        adapter = self.request_adapter_class(request)
        if adapter.method not in OVER_HTTP:
            raise refusals.METHOD()
        if self.should_render_graphql_ide(adapter):
            if not self.graphql_ide:
                raise refusals.GRAPHIQL_OFF()
            return await self.render_graphql_ide(request)
        request.state.media_type = refusals.answer_media_type(request.headers.get("accept"))
        response = await super().run(request, context, root_value)
        return in_media_type(request, response)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        services: Services = request.state.services
        request_id = getattr(request.state, "request_id", "-")
        if isinstance(request, WebSocket):
            principal, address = _socket_principal(services, request), client_address(request.scope)
            return Context(services=services, principal=principal, request_id=request_id, address=address)
        if (tried := left_to_the_pipeline(request.scope)) is not None:
            return tried
        flight = preflight_of(request.scope) or Preflight()
        if flight.token_problem is not None:
            challenge = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
            raise Refusal(401, "UNAUTHENTICATED", flight.token_problem, challenge)
        return http_context(services, request_id, flight)

    def decode_json(self, data: str | bytes) -> object:
        return decode_json(data)

    def encode_json(self, data: object) -> str:
        return json_text.dumps(data)  # text: strawberry sends bytes over a socket as binary frames

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        """strawberry's, with the answer's bytes as written: not decoded to text and encoded again."""
        response = Response(json_text.encoded(response_data), status_code=200, media_type="application/json")
        response.headers.raw.extend(sub_response.headers.raw)
        if sub_response.background:
            response.background = sub_response.background
        if sub_response.status_code:
            response.status_code = sub_response.status_code
        return response

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        """What the edge read (gateway/edge/preflight.py): the body is not read twice."""
        flight = request.preflight if isinstance(request, _WithPreflight) else None
        if flight is None or (flight.request is None and flight.problem is None):
            raise refusal(graphql_request.MISSING_QUERY)  # only an app built without its edge gets here
        if flight.problem is not None:
            raise refusal(flight.problem)
        asked = flight.request
        assert asked is not None
        return GraphQLRequestData(
            query=asked.query,
            variables=asked.variables,
            operation_name=asked.operation_name,
            extensions=asked.extensions,
        )

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        try:
            return await self.schema.execute(
                request_data.query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=OVER_HTTP[request_adapter.method],
                operation_extensions=request_data.extensions,
            )
        except InvalidOperationTypeError as exc:
            wrong = exc.operation_type == OperationType.MUTATION
            raise (refusals.MUTATION_OVER_GET if wrong else refusals.SUBSCRIPTION_OVER_HTTP)() from None
        except CannotGetOperationTypeError as exc:
            return operation_not_found(exc.operation_name, context.request_id)
        except MissingQueryError:
            raise refusal(graphql_request.MISSING_QUERY) from None

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        if result.errors:  # those that escaped ShapeErrors (an extension's hook failing) are shaped here
            request_id = getattr(request.state, "request_id", "-")
            result.errors = [e if (e.extensions or {}).get("code") else shape(e, request_id) for e in result.errors]
        answer = process_result(result)
        if result.data is None and result.errors and all(e.path is None for e in result.errors):
            answer.pop("data", None)  # a request error: not executed, so no `data` entry (GraphQL spec)
            request.state.request_error = True
        return answer

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


def _socket_principal(services: Services, socket: WebSocket) -> Principal | None:
    """A token in the upgrade request's Authorization header; an invalid one is no identity."""
    token = bearer(socket.headers.get("authorization"))
    try:
        return principal_from_token(services.settings, token) if token else None
    except Unauthenticated:
        return None


def operation_not_found(name: str | None, request_id: str) -> ExecutionResult:
    """GetOperation() failed: a GraphQL request error, answered as a result (spec), not a refusal."""
    if name is None:
        message = "文档中没有可执行的操作 (the document has no operation to run)"
    else:
        message = f"文档中没有名为 {name} 的操作 (unknown operation named {name!r})"
    extensions = {"code": "OPERATION_NOT_FOUND", "requestId": request_id}
    return ExecutionResult(data=None, errors=[GraphQLError(message, extensions=extensions)])


def in_media_type(request: Request, response: Response) -> Response:
    """The executed result in the negotiated media type; a request error is 400 in the new one."""
    if response.media_type != JSON:
        return response  # GraphiQL's page
    media = request.state.media_type
    response.headers["content-type"] = f"{media}; charset=utf-8"
    if media == GRAPHQL_RESPONSE and getattr(request.state, "request_error", False):
        response.status_code = 400
    return response


def refused(request: Request, exc: HTTPException) -> Response:
    request_id = getattr(request.state, "request_id", "-")
    log.info("refused %s %s: %s %s [request %s]", request.method, request.url.path, exc.status_code, exc, request_id)
    if not isinstance(exc, Refusal):
        return status_response(exc.status_code, request_id)
    media = getattr(request.state, "media_type", JSON)
    return error_response(exc.status_code, exc.code, exc.reason, request_id, media_type=media, headers=exc.headers)
