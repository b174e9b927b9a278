"""A GraphQL-over-HTTP request read from its JSON body or its GET parameters, or the problem with it.

Follows GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/): a request that is
not well formed is a 4xx whatever the media type, with a code and a message in 中文 (English).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl

from gateway.json_decoding import decode_json

SEND_JSON = '以 application/json 发送 {"query": "..."}'
JSON = "application/json"
PARAMETERS = ("query", "variables", "operationName", "extensions")


@dataclass(frozen=True)
class Problem:
    """Why a request is refused before GraphQL sees it: the status, code and message a client reads."""

    status: int
    code: str
    message: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class GraphQLRequest:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


class Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def bad_request(code: str, message: str) -> Problem:
    return Problem(400, code, message)


CONTENT_TYPE = Problem(
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


def wrong_type(name: str, wanted: tuple[str, str]) -> Problem:
    return bad_request("BAD_REQUEST", f"参数 {name} 须为{wanted[0]}或 null (`{name}` must be {wanted[1]} or null)")


def repeated(name: str) -> Problem:
    # One value, one truth: the limiter and the executor must never read different copies.
    return bad_request(
        "REPEATED_PARAMETER", f"参数 {name} 重复，请只给一次 (the `{name}` parameter is repeated: give it once)"
    )


def from_post(content_type: str | None, body: bytes) -> GraphQLRequest:
    check_content_type(content_type)
    try:
        data = decode_json(body)
    except ValueError:
        raise Refused(INVALID_JSON) from None
    return request_of(data)


def from_get(query_string: bytes) -> GraphQLRequest:
    """The GET parameters; an empty one counts as absent, a repeated one is refused."""
    params: dict[str, object] = {}
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if name in params and name in PARAMETERS:
            raise Refused(repeated(name))
        params[name] = value
    params = {k: v for k, v in params.items() if v != ""}
    for name in ("variables", "extensions"):
        if isinstance(raw := params.get(name), str):
            try:
                params[name] = decode_json(raw)
            except ValueError:
                raise Refused(INVALID_JSON) from None
    return request_of(params)


@lru_cache(maxsize=64)  # clients send the same few; a refusal raises, and is not remembered
def check_content_type(value: str | None) -> None:
    media, _, parameters = (value or "").partition(";")
    charset = next((v for k, _, v in (p.partition("=") for p in parameters.split(";")) if k.strip() == "charset"), "")
    if media.strip().lower() != JSON or charset.strip().strip('"').lower() not in ("", "utf-8", "utf8"):
        raise Refused(CONTENT_TYPE)


def request_of(data: object) -> GraphQLRequest:
    """The GraphQL-over-HTTP request parameters, each of the type the spec requires."""
    if isinstance(data, list):
        raise Refused(BATCH)
    if not isinstance(data, dict):
        raise Refused(NOT_AN_OBJECT)
    query, variables, name, extensions = (data.get(k) for k in PARAMETERS)
    if (query is None or query == "") and isinstance(extensions, dict) and "persistedQuery" in extensions:
        query = ""  # the hash names it (gateway/edge/persisted.py)
    elif query is None or query == "":
        raise Refused(MISSING_QUERY)
    if not isinstance(query, str):
        raise Refused(wrong_type("query", ("字符串", "a string")))
    if not isinstance(variables, dict | None):
        raise Refused(wrong_type("variables", ("对象", "an object")))
    if not isinstance(name, str | None):
        raise Refused(wrong_type("operationName", ("字符串", "a string")))
    if not isinstance(extensions, dict | None):
        raise Refused(wrong_type("extensions", ("对象", "an object")))
    return GraphQLRequest(query, variables, name, extensions)
