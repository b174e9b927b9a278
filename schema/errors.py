"""One place where errors are shaped for clients: a code on each, nothing internal leaked.

Known refusals keep their message and get their code; request errors (syntax, validation,
limits, variable coercion) pass through with a code; anything unexpected is logged in full with
the request id and reaches the client only as INTERNAL_SERVER_ERROR with that id.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator

from graphql.error import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import MaskErrors, ParserCache

from gateway.errors import Forbidden, InvalidArgument, Unauthenticated

log = logging.getLogger("gateway.graphql")
KNOWN = (Unauthenticated, Forbidden, InvalidArgument)

# graphql-core's and strawberry's request errors carry no code: recognised by their wording.
REQUEST_ERRORS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"Document contains more than \d+ tokens"), "QUERY_TOO_LARGE", "查询过长"),
    (re.compile(r"exceeds maximum operation depth"), "QUERY_TOO_DEEP", "查询嵌套过深"),
    (re.compile(r"Document is nested too deeply"), "QUERY_TOO_NESTED", "查询嵌套过深"),
    (re.compile(r"aliases found\. Allowed"), "TOO_MANY_ALIASES", "别名过多"),
    (re.compile(r"^Variable '\$\w+' has invalid (default )?value"), "BAD_USER_INPUT", ""),
)
TOO_NESTED = "查询或输入嵌套过深 (query or input nested too deeply)"


class ShapeErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda _: True)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        return shape(error, str(getattr(self.execution_context.context, "request_id", "-")))


class ParserCacheInsideMasking(ParserCache):
    """strawberry's ParserCache parses in its hook, where a failure escapes the operation and so
    ShapeErrors (strawberry 0.341): leave a failing document to strawberry's own parse, which
    reports it inside the operation like any other request error."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        with contextlib.suppress(GraphQLError, RecursionError):
            context.graphql_document = self.cached_parse_document(context.query, **context.parse_options)
        yield


def shape(error: GraphQLError, request_id: str) -> GraphQLError:
    original = error.original_error
    if isinstance(original, KNOWN):
        return _with(error, str(original), original.code, request_id)
    if error.path is None and isinstance(original, RecursionError):  # the parser or validation ran out of stack
        return _with(error, TOO_NESTED, "QUERY_TOO_NESTED", request_id)
    if original is None or (error.path is None and error.nodes):
        return _with(error, *request_error(error), request_id)
    log.error("unexpected error in %s [request %s]", error.path, request_id, exc_info=original)
    message = f"服务器内部错误，请稍后再试 (internal error; request id {request_id})"
    return _with(error, message, "INTERNAL_SERVER_ERROR", request_id)


def _with(error: GraphQLError, message: str, code: str, request_id: str) -> GraphQLError:
    return GraphQLError(
        message=message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": code, "requestId": request_id},
    )


def request_error(error: GraphQLError) -> tuple[str, str]:
    """The message and code for an error in the request itself, not in executing it."""
    code = (error.extensions or {}).get("code")
    if code:
        return error.message, str(code)
    for pattern, code, chinese in REQUEST_ERRORS:
        if pattern.search(error.message):
            return (f"{chinese} ({error.message})" if chinese else error.message), code
    if isinstance(error, GraphQLSyntaxError):
        return f"查询语法错误 ({error.message})", "GRAPHQL_PARSE_FAILED"
    return error.message, "GRAPHQL_VALIDATION_FAILED"
