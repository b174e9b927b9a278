"""Requests the endpoint refuses before GraphQL sees them, and the media type it answers in.

Follows GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/): a request that is
not well formed is a 4xx whatever the media type; `application/graphql-response+json` is preferred
(and assumed without an Accept header, as the spec says since 2025); `application/json` is kept.
"""

from __future__ import annotations

from collections.abc import Mapping

from cross_web import HTTPException

from gateway.edge.graphql_request import JSON, SEND_JSON, Problem

GRAPHQL_RESPONSE = "application/graphql-response+json"
# A client that names no type, or any type, gets application/json: the spec's SHOULD, and what a
# client written before application/graphql-response+json existed can read (graphql-http audit).
ANSWERS = {GRAPHQL_RESPONSE: GRAPHQL_RESPONSE, JSON: JSON, "application/*": JSON, "*/*": JSON}


class Refusal(HTTPException):
    """An HTTP refusal with the code and the bilingual message the client will read."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status, message)
        self.code, self.headers = code, dict(headers or {})


class Reason(Problem):
    """A kind of refusal; calling it makes a fresh exception to raise."""

    def __call__(self) -> Refusal:
        return refusal(self)


def refusal(problem: Problem) -> Refusal:
    return Refusal(problem.status, problem.code, problem.message, dict(problem.headers))


METHOD = Reason(
    405, "METHOD_NOT_ALLOWED", "仅支持 GET 和 POST (method not allowed: use GET or POST)", (("Allow", "GET, POST"),)
)
MUTATION_OVER_GET = Reason(
    405, "METHOD_NOT_ALLOWED", "变更操作必须使用 POST (mutations must be sent with POST)", (("Allow", "POST"),)
)
SUBSCRIPTION_OVER_HTTP = Reason(
    400,
    "SUBSCRIPTION_NOT_SUPPORTED",
    "订阅请通过 WebSocket 的 graphql-transport-ws 协议 (subscriptions are served over WebSocket, graphql-transport-ws)",
)
NOT_ACCEPTABLE = Reason(
    406,
    "NOT_ACCEPTABLE",
    f"仅能以 {GRAPHQL_RESPONSE} 或 {JSON} 答复 (not acceptable: accept {GRAPHQL_RESPONSE} or {JSON})",
)
GRAPHIQL_OFF = Reason(404, "NOT_FOUND", f"此处未开启 GraphiQL；{SEND_JSON} (GraphiQL is off here)")


def answer_media_type(accept: str | None) -> str:
    """The media type to answer in: the client's most preferred one that we speak."""
    best, best_quality = (JSON, 1.0) if not accept or not accept.strip() else (None, 0.0)
    for part in (accept or "").split(","):
        media, _, parameters = part.partition(";")
        answer, quality = ANSWERS.get(media.strip().lower()), _quality(parameters)
        if answer is not None and quality > best_quality:
            best, best_quality = answer, quality
    if best is None:
        raise NOT_ACCEPTABLE()
    return best


def _quality(parameters: str) -> float:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 1.0
    return 1.0
