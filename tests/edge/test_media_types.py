"""GraphQL over HTTP: the answer's media type follows Accept, and its status follows the media type."""

from __future__ import annotations

import json

import pytest

from tests.edge.conftest import Gateway, refusal, websocket_exchange

GRAPHQL_RESPONSE = "application/graphql-response+json"
CATALOGUE = {"query": "{ itemCatalogue { kind } }"}
UNKNOWN_FIELD = {"query": "{ nope }"}


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        ("application/json", "application/json"),
        ("", "application/json"),  # no Accept header
        ("*/*", "application/json"),
        ("application/*", "application/json"),
        (f"*/*;q=0.5, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};q=0.5, application/json", "application/json"),
        (f"application/json;q=0.9, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        ("text/html, application/json;q=0.1", "application/json"),
    ],
)
async def test_answer_is_in_the_most_preferred_media_type_we_speak(
    gateway: Gateway, accept: str, media_type: str
) -> None:
    response = await gateway.post(CATALOGUE, accept=accept)
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    assert response.json()["data"]["itemCatalogue"]


async def test_validation_error_is_400_in_graphql_response_json(gateway: Gateway) -> None:
    response = await gateway.post(UNKNOWN_FIELD, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    assert refusal(response)["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_validation_error_is_200_in_application_json(gateway: Gateway) -> None:
    response = await gateway.post(UNKNOWN_FIELD, accept="application/json")
    assert response.status_code == 200
    assert refusal(response)["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_syntax_error_is_400_with_its_own_code(gateway: Gateway) -> None:
    response = await gateway.post({"query": "{ itemCatalogue { kind "}, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    assert refusal(response)["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


async def test_variable_of_the_wrong_type_is_a_request_error(gateway: Gateway) -> None:
    query = "query($n: String!, $c: String!) { verifyCertificate(number: $n, verificationCode: $c) { valid } }"
    response = await gateway.post({"query": query, "variables": {"n": 1, "c": "x"}}, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    assert refusal(response)["extensions"]["code"] == "BAD_USER_INPUT"


async def test_field_error_during_execution_is_200_with_data(gateway: Gateway) -> None:
    response = await gateway.post({"query": "{ cases { totalCount } }"}, accept=GRAPHQL_RESPONSE)
    body = response.json()
    assert response.status_code == 200
    assert "data" in body and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_graphiql_is_still_served_to_a_browser(gateway: Gateway) -> None:
    response = await gateway.http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")


async def test_get_query_is_answered(gateway: Gateway) -> None:
    response = await gateway.http.get("/graphql", params={"query": "{ itemCatalogue { kind } }"})
    assert response.status_code == 200 and response.json()["data"]["itemCatalogue"]


async def test_graphql_transport_ws_still_acknowledges_a_connection(gateway: Gateway) -> None:
    accepted, ack = await websocket_exchange(gateway.app, [json.dumps({"type": "connection_init"})], replies=2)
    assert accepted == {"type": "websocket.accept", "subprotocol": "graphql-transport-ws", "headers": []}
    assert json.loads(ack["text"]) == {"type": "connection_ack"}


async def test_websocket_message_nested_past_the_parser_closes_the_socket_cleanly(gateway: Gateway) -> None:
    _accepted, closed = await websocket_exchange(gateway.app, ["[" * 100_000], replies=2)
    assert closed["type"] == "websocket.close" and closed["code"] == 4400
