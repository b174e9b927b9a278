"""A read the pipeline has prepared (schema/prepared.py), answered over HTTP without strawberry's
view: the status, headers and bytes the view sends for it, without its request adapter, its
runtime protocol checks and its response objects (about a twelfth of a status read).

Only what the view would execute is taken here: a GET or a POST the edge understood (not a
multipart upload), with a token that verified, in a media type the client accepts. A GET that
reaches here asks for an operation (a `query`, or a persisted query's hash), so it is never
GraphiQL's page (schema/http.py). Whatever is not answered goes the whole way with the context
made here, as the view would have made it, marked so the schema does not try it prepared again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cross_web import HTTPException
from starlette.types import Scope, Send
from strawberry.http import process_result
from strawberry.types.graphql import OperationType

from gateway.edge.preflight import Preflight, preflight_of
from gateway.services import Services
from schema import json_text, refusals
from schema.context import Context
from schema.prepared import prepared_read

if TYPE_CHECKING:
    import strawberry

OVER_HTTP = {"GET": {OperationType.QUERY}, "POST": {OperationType.QUERY, OperationType.MUTATION}}
_LEFT = "prepared read left to the pipeline"  # in scope["state"]: its context


async def answered_prepared(schema: strawberry.Schema, scope: Scope, send: Send) -> bool:
    """True once answered; False: the view answers (with the context left here, if one was made)."""
    flight = preflight_of(scope)
    allowed = OVER_HTTP.get(scope["method"])
    if allowed is None or flight is None or flight.form is not None or flight.token_problem is not None:
        return False
    asked, accept = flight.request, flight.headers.get(b"accept")
    if asked is None or flight.problem is not None or flight.document is None:
        return False
    try:
        media = refusals.answer_media_type(None if accept is None else accept.decode("latin-1"))
    except HTTPException:
        return False  # the whole way words the refusal
    state = scope["state"]
    context = http_context(state["services"], state.get("request_id", "-"), flight)
    read = await prepared_read(schema, asked.variables, context, None, asked.operation_name, allowed, asked.extensions)
    if read is None:
        context.prepared_tried = True
        state[_LEFT] = context
        return False
    body = json_text.encoded(process_result(read))
    headers = [(b"content-length", str(len(body)).encode()), (b"content-type", f"{media}; charset=utf-8".encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
    return True


def left_to_the_pipeline(scope: Scope) -> Context | None:
    """The context of a read `answered_prepared` did not answer: the view runs it with that one."""
    left: Context | None = scope["state"].get(_LEFT)
    return left


def http_context(services: Services, request_id: str, flight: Preflight) -> Context:
    return Context(
        services=services,
        principal=flight.principal,
        request_id=request_id,
        document=flight.document,
        cases_read=flight.cases_read,
    )
