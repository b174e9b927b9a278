"""Whatever a client sends, the answer is a 4xx with the JSON error shape, a code and a request id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.edge.conftest import Gateway, bilingual, refusal, running

JSON = {"Content-Type": "application/json"}
QUERY = b'{"query": "{ itemCatalogue { kind } }"}'

HOSTILE = [
    ("malformed_json", "POST", "/graphql", JSON, b'{"query": ', 400, "INVALID_JSON"),
    ("json_nested_past_the_parser", "POST", "/graphql", JSON, b"[" * 100_000, 400, "INVALID_JSON"),
    ("bytes_that_are_not_utf8", "POST", "/graphql", JSON, b'{"query": "\xff\xfe"}', 400, "INVALID_JSON"),
    ("number_too_long_to_read", "POST", "/graphql", JSON, b'{"query": 1' + b"1" * 5000 + b"}", 400, "INVALID_JSON"),
    ("body_that_is_not_an_object", "POST", "/graphql", JSON, b"3", 400, "BAD_REQUEST"),
    ("batched_operations", "POST", "/graphql", JSON, b"[" + QUERY + b"," + QUERY + b"]", 400, "BATCHING_NOT_SUPPORTED"),
    ("missing_query", "POST", "/graphql", JSON, b'{"variables": {}}', 400, "MISSING_QUERY"),
    ("empty_query", "POST", "/graphql", JSON, b'{"query": ""}', 400, "MISSING_QUERY"),
    ("query_that_is_not_a_string", "POST", "/graphql", JSON, b'{"query": ["{ x }"]}', 400, "BAD_REQUEST"),
    ("variables_that_are_a_list", "POST", "/graphql", JSON, b'{"query": "{ x }", "variables": [7]}', 400, "BAD_REQUEST"),
    ("operation_name_not_a_string", "POST", "/graphql", JSON, b'{"query": "{ x }", "operationName": 3}', 400, "BAD_REQUEST"),
    ("text_plain_body", "POST", "/graphql", {"Content-Type": "text/plain"}, QUERY, 415, "UNSUPPORTED_MEDIA_TYPE"),
    ("form_body", "POST", "/graphql", {"Content-Type": "application/x-www-form-urlencoded"}, b"query=x", 415, "UNSUPPORTED_MEDIA_TYPE"),
    ("json_in_latin1", "POST", "/graphql", {"Content-Type": "application/json; charset=latin-1"}, QUERY, 415, "UNSUPPORTED_MEDIA_TYPE"),
    ("body_without_content_type", "POST", "/graphql", {}, QUERY, 415, "UNSUPPORTED_MEDIA_TYPE"),
    ("put", "PUT", "/graphql", JSON, QUERY, 405, "METHOD_NOT_ALLOWED"),
    ("delete", "DELETE", "/graphql", {}, b"", 405, "METHOD_NOT_ALLOWED"),
    ("get_with_a_mutation", "GET", '/graphql?query=mutation{retryItem(itemId:"x"){errors{code}}}', {}, b"", 405, "METHOD_NOT_ALLOWED"),
    ("get_without_a_query", "GET", "/graphql", {"Accept": "application/json"}, b"", 400, "MISSING_QUERY"),
    ("get_with_variables_not_json", "GET", "/graphql?query={x}&variables={oops", {}, b"", 400, "INVALID_JSON"),
    ("subscription_over_http", "POST", "/graphql", JSON, b'{"query": "subscription { caseUpdated(caseId: \\"x\\") { id } }"}', 400, "SUBSCRIPTION_NOT_SUPPORTED"),
    ("accept_nothing_we_speak", "POST", "/graphql", JSON | {"Accept": "text/csv"}, QUERY, 406, "NOT_ACCEPTABLE"),
    ("invalid_token", "POST", "/graphql", JSON | {"Authorization": "Bearer not-a-jwt"}, QUERY, 401, "UNAUTHENTICATED"),
    ("unknown_path", "GET", "/graphql/../admin", {}, b"", 404, "NOT_FOUND"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "headers", "content", "status", "code"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE]
)
async def test_hostile_request_is_refused_with_its_status_code_and_request_id(
    gateway: Gateway, method: str, path: str, headers: dict[str, str], content: bytes, status: int, code: str
) -> None:
    response = await gateway.http.request(method, path, headers=headers, content=content)
    error = refusal(response)
    assert (response.status_code, error["extensions"]["code"]) == (status, code), error["message"]
    assert bilingual(error["message"]), error["message"]


async def test_mutation_over_get_names_post_as_the_allowed_method(gateway: Gateway) -> None:
    response = await gateway.http.get('/graphql?query=mutation{retryItem(itemId:"x"){errors{code}}}')
    assert response.headers["allow"] == "POST"


async def test_unsupported_method_names_the_allowed_ones(gateway: Gateway) -> None:
    response = await gateway.http.put("/graphql", content=QUERY, headers=JSON)
    assert "POST" in response.headers["allow"]


async def test_invalid_token_is_challenged_as_bearer(gateway: Gateway) -> None:
    response = await gateway.post({"query": "{ itemCatalogue { kind } }"}, token="not-a-jwt")
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_unknown_operation_name_is_a_request_error(gateway: Gateway) -> None:
    response = await gateway.post({"query": "query A { itemCatalogue { kind } }", "operationName": "B"})
    assert response.status_code == 400
    assert refusal(response)["extensions"]["code"] == "OPERATION_NOT_FOUND"


async def test_document_without_an_operation_is_a_request_error(gateway: Gateway) -> None:
    response = await gateway.post({"query": "fragment Kinds on Query { itemCatalogue { kind } }"})
    assert response.status_code == 400
    assert refusal(response)["extensions"]["code"] == "OPERATION_NOT_FOUND"


async def test_client_request_id_is_kept_in_the_header_and_the_error(gateway: Gateway) -> None:
    response = await gateway.http.post("/graphql", content=b"{", headers=JSON | {"X-Request-Id": "client-abc-123"})
    assert refusal(response)["extensions"]["requestId"] == "client-abc-123"


@pytest.fixture
async def small_bodies(tmp_path: Path) -> AsyncIterator[Gateway]:
    async with running(tmp_path, max_body_bytes=1024) as gateway:
        yield gateway


async def test_body_over_the_limit_is_refused_with_413(small_bodies: Gateway) -> None:
    variables = {"padding": "x" * 2000}
    response = await small_bodies.post({"query": "{ itemCatalogue { kind } }", "variables": variables})
    error = refusal(response)
    assert (response.status_code, error["extensions"]["code"]) == (413, "PAYLOAD_TOO_LARGE")
    assert bilingual(error["message"])


async def test_streamed_body_over_the_limit_is_refused_without_a_length(small_bodies: Gateway) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ itemCatalogue { kind } }", "variables": {"padding": "'
        for _ in range(10):
            yield b"x" * 200
        yield b'"}}'

    response = await small_bodies.http.post("/graphql", content=chunks(), headers=JSON)
    assert "content-length" not in response.request.headers
    assert (response.status_code, refusal(response)["extensions"]["code"]) == (413, "PAYLOAD_TOO_LARGE")


async def test_body_within_the_limit_is_answered(small_bodies: Gateway) -> None:
    response = await small_bodies.post({"query": "{ itemCatalogue { kind } }"})
    assert response.status_code == 200 and response.json()["data"]["itemCatalogue"]


async def test_no_refusal_shows_plain_text(gateway: Gateway) -> None:
    answers = [
        await gateway.http.options("/graphql"),
        await gateway.http.head("/graphql"),
        await gateway.http.get("/nowhere"),
    ]
    assert all(not a.headers["content-type"].startswith("text/plain") for a in answers)
    assert all(400 <= a.status_code < 500 for a in answers)


async def test_request_without_a_body_is_answered(gateway: Gateway) -> None:
    response = await gateway.http.send(httpx.Request("POST", "http://gateway.test/graphql", headers=JSON))
    assert (response.status_code, refusal(response)["extensions"]["code"]) == (400, "INVALID_JSON")
