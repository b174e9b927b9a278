"""One place where errors are shaped for clients: a code on each, nothing internal leaked.

Known refusals keep their message and get their code; request errors (syntax, validation,
variable coercion) pass through with a code; anything unexpected is logged in full with the
request id and reaches the client only as INTERNAL_SERVER_ERROR with that id.
"""

from __future__ import annotations

import logging

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from gateway.errors import Forbidden, InvalidArgument, Unauthenticated

log = logging.getLogger("gateway.graphql")
KNOWN = (Unauthenticated, Forbidden, InvalidArgument)


class ShapeErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda _: True)

    def _request_id(self) -> str:
        return str(getattr(self.execution_context.context, "request_id", "-"))

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original, request_id = error.original_error, self._request_id()
        if isinstance(original, KNOWN):
            return self._with(error, str(original), original.code, request_id)
        if original is None or error.path is None:
            code = (error.extensions or {}).get("code") or "GRAPHQL_VALIDATION_FAILED"
            return self._with(error, error.message, str(code), request_id)
        log.error("unexpected error in %s [request %s]", error.path, request_id, exc_info=original)
        message = f"服务器内部错误，请稍后再试 (internal error; request id {request_id})"
        return self._with(error, message, "INTERNAL_SERVER_ERROR", request_id)

    @staticmethod
    def _with(error: GraphQLError, message: str, code: str, request_id: str) -> GraphQLError:
        return GraphQLError(
            message=message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": code, "requestId": request_id},
        )
