"""Requests the endpoint refuses before GraphQL sees them, and the media type it answers in.

Follows GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/): a request that is
not well formed is a 4xx whatever the media type; `application/graphql-response+json` is preferred
(and assumed without an Accept header, as the spec says since 2025); `application/json` is kept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from cross_web import HTTPException
from strawberry.http import GraphQLRequestData

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# A client that names no type, or any type, gets application/json: the spec's SHOULD, and what a
# client written before application/graphql-response+json existed can read (graphql-http audit).
ANSWERS = {GRAPHQL_RESPONSE: GRAPHQL_RESPONSE, JSON: JSON, "application/*": JSON, "*/*": JSON}
SEND_JSON = '以 application/json 发送 {"query": "..."}'


class Refusal(HTTPException):
    """An HTTP refusal with the code and the bilingual message the client will read."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status, message)
        self.code, self.headers = code, dict(headers or {})


@dataclass(frozen=True)
class Reason:
    """A kind of refusal; calling it makes a fresh exception to raise."""

    status: int
    code: str
    message: str
    headers: tuple[tuple[str, str], ...] = ()

    def __call__(self) -> Refusal:
        return Refusal(self.status, self.code, self.message, dict(self.headers))


def bad_request(code: str, message: str) -> Reason:
    return Reason(400, code, message)


METHOD = Reason(
    405, "METHOD_NOT_ALLOWED", "仅支持 GET 和 POST (method not allowed: use GET or POST)", (("Allow", "GET, POST"),)
)
MUTATION_OVER_GET = Reason(
    405, "METHOD_NOT_ALLOWED", "变更操作必须使用 POST (mutations must be sent with POST)", (("Allow", "POST"),)
)
SUBSCRIPTION_OVER_HTTP = bad_request(
    "SUBSCRIPTION_NOT_SUPPORTED",
    "订阅请通过 WebSocket 的 graphql-transport-ws 协议 (subscriptions are served over WebSocket, graphql-transport-ws)",
)
NOT_ACCEPTABLE = Reason(
    406,
    "NOT_ACCEPTABLE",
    f"仅能以 {GRAPHQL_RESPONSE} 或 {JSON} 答复 (not acceptable: accept {GRAPHQL_RESPONSE} or {JSON})",
)
CONTENT_TYPE = Reason(
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    f"请求体须为 UTF-8 的 application/json；{SEND_JSON} (unsupported media type: POST application/json)",
)
INVALID_JSON = bad_request("INVALID_JSON", f"请求体不是有效的 JSON；{SEND_JSON} (the body is not valid JSON)")
MISSING_QUERY = bad_request("MISSING_QUERY", f"缺少 query；{SEND_JSON} (no GraphQL query in the request)")
BATCH = bad_request(
    "BATCHING_NOT_SUPPORTED", "不支持批量请求，请逐个发送 (batched requests are not supported: send one operation each)"
)
NOT_AN_OBJECT = bad_request("BAD_REQUEST", f"请求体须为 JSON 对象；{SEND_JSON} (the body must be a JSON object)")
GRAPHIQL_OFF = Reason(404, "NOT_FOUND", f"此处未开启 GraphiQL；{SEND_JSON} (GraphiQL is off here)")


def wrong_type(name: str, wanted: tuple[str, str]) -> Refusal:
    return Refusal(400, "BAD_REQUEST", f"参数 {name} 须为{wanted[0]}或 null (`{name}` must be {wanted[1]} or null)")


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


def check_content_type(value: str | None) -> None:
    media, _, parameters = (value or "").partition(";")
    charset = next((v for k, _, v in (p.partition("=") for p in parameters.split(";")) if k.strip() == "charset"), "")
    if media.strip().lower() != JSON or charset.strip().strip('"').lower() not in ("", "utf-8", "utf8"):
        raise CONTENT_TYPE()


def decode_json(data: str | bytes) -> object:
    """JSON in UTF-8; every way it can be wrong (bad bytes, too deep, too long a number) is a JSONDecodeError."""
    try:
        return json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError) as exc:
        raise json.JSONDecodeError(f"not valid JSON ({type(exc).__name__})", "", 0) from None


def request_data(data: object) -> GraphQLRequestData:
    """The GraphQL-over-HTTP request parameters, each of the type the spec requires."""
    if isinstance(data, list):
        raise BATCH()
    if not isinstance(data, dict):
        raise NOT_AN_OBJECT()
    query, variables, name, extensions = (data.get(k) for k in ("query", "variables", "operationName", "extensions"))
    if query is None or query == "":
        raise MISSING_QUERY()
    if not isinstance(query, str):
        raise wrong_type("query", ("字符串", "a string"))
    if not isinstance(variables, dict | None):
        raise wrong_type("variables", ("对象", "an object"))
    if not isinstance(name, str | None):
        raise wrong_type("operationName", ("字符串", "a string"))
    if not isinstance(extensions, dict | None):
        raise wrong_type("extensions", ("对象", "an object"))
    return GraphQLRequestData(query=query, variables=variables, operation_name=name, extensions=extensions)
