"""One place where errors are shaped for clients and logged for operators.

Known refusals keep their message and get their code; request errors (syntax, validation,
limits, variable coercion) pass through with a code; anything unexpected reaches the client only as
INTERNAL_SERVER_ERROR with the request id.

The log tells a client's mistake from a fault: a mistake is one line at INFO (WARNING for a missing
or refused identity) with its code and the request id; only a fault is an ERROR with its traceback.
strawberry's own logging (every error at ERROR with a traceback, as `strawberry.execution`) is
replaced through its public hook, `Schema.process_errors`, which sees every error of queries,
mutations and subscriptions before they are masked.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

import strawberry
from graphql.error import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import MaskErrors, ParserCache, SchemaExtension
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from gateway.errors import Forbidden, InvalidArgument, Unauthenticated
from schema.hooks import HookRunner
from schema.prepared import prepared_read

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
WHO_IS_ASKING = frozenset({Unauthenticated.code, Forbidden.code})  # worth a WARNING: probing looks like this
LOGGED_MESSAGE_CHARS = 300
# graphql-core's suggestions: " Did you mean 'a', 'b', or 'c'?" (graphql/pyutils/did_you_mean.py), anywhere.
SUGGESTION = re.compile(r" ?Did you mean (?:the enum value )?(?:'[^']*'(?:,? or |, )?)+\?")


class GatewaySchema(strawberry.Schema):
    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        """A read of a document already prepared runs without the extension pipeline (schema/prepared.py)."""
        allowed = DEFAULT_ALLOWED_OPERATION_TYPES if allowed_operation_types is None else allowed_operation_types
        read = await prepared_read(
            self, variable_values, context_value, root_value, operation_name, allowed, operation_extensions
        )
        if read is not None:
            return read
        return await super().execute(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            allowed_operation_types,
            operation_extensions,
        )

    def create_extensions_runner(
        self, execution_context: ExecutionContext, extensions: list[SchemaExtension]
    ) -> SchemaExtensionsRunner:
        return HookRunner(execution_context=execution_context, extensions=extensions)

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        context = execution_context.context if execution_context else None
        request_id = str(getattr(context, "request_id", "-"))
        for error in errors:
            log_error(error, request_id)


def log_error(error: GraphQLError, request_id: str) -> None:
    verdict = client_error(error)
    if verdict is None:
        log.error("unexpected error in %s [request %s]", error.path, request_id, exc_info=error.original_error)
        return
    code = verdict[1]
    level = logging.WARNING if code in WHO_IS_ASKING else logging.INFO
    text = " ".join(error.message.split())[:LOGGED_MESSAGE_CHARS]
    log.log(level, "client error %s: %s [request %s]", code, text, request_id)


class ShapeErrors(MaskErrors):
    """`hide_suggestions`: with introspection off, graphql-core's "Did you mean 'cases'?" would hand
    out the schema's names one typo at a time; the error itself (unknown field, argument…) stays."""

    def __init__(self, hide_suggestions: bool = False) -> None:
        super().__init__(should_mask_error=lambda _: True)
        self.hide_suggestions = hide_suggestions

    def _process_result(self, result: object) -> None:
        """strawberry's, without its `isinstance` against a runtime-checkable Protocol: 6 µs a
        request on Python 3.11, for what reading the attribute tells alike."""
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = self._process_errors(errors)  # type: ignore[attr-defined]

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        shaped = shape(error, str(getattr(self.execution_context.context, "request_id", "-")))
        if self.hide_suggestions:
            shaped.message = without_suggestions(shaped.message)
        return shaped


def without_suggestions(message: str) -> str:
    return SUGGESTION.sub("", message)


class ParserCacheInsideMasking(ParserCache):
    """The document the edge parsed for this request (gateway/edge/preflight.py), else a cached parse.

    strawberry's ParserCache parses in its hook, where a failure escapes the operation and so
    ShapeErrors (strawberry 0.341): leave a failing document to strawberry's own parse, which
    reports it inside the operation like any other request error."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        parsed = getattr(context.context, "document", None)
        if parsed is not None:
            context.graphql_document = parsed
            yield
            return
        with contextlib.suppress(GraphQLError, RecursionError):
            context.graphql_document = self.cached_parse_document(context.query, **context.parse_options)
        yield


def shape(error: GraphQLError, request_id: str) -> GraphQLError:
    verdict = client_error(error)
    if verdict is None:  # logged with its traceback by GatewaySchema.process_errors
        message = f"服务器内部错误，请稍后再试 (internal error; request id {request_id})"
        return _with(error, message, "INTERNAL_SERVER_ERROR", request_id)
    field = getattr(error.original_error, "field", None)
    return _with(error, *verdict, request_id, field=field if isinstance(field, str) else None)


def client_error(error: GraphQLError) -> tuple[str, str] | None:
    """The message and code of a client's mistake; None for a fault of ours."""
    original = error.original_error
    if isinstance(original, KNOWN):
        return str(original), original.code
    if error.path is None and isinstance(original, RecursionError):  # the parser or validation ran out of stack
        return TOO_NESTED, "QUERY_TOO_NESTED"
    if original is None or (error.path is None and error.nodes):
        return request_error(error)
    return None


def _with(error: GraphQLError, message: str, code: str, request_id: str, field: str | None = None) -> GraphQLError:
    named = {"field": field} if field else {}  # which argument, when the error knows it
    return GraphQLError(
        message=message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": code, "requestId": request_id, **named},
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
