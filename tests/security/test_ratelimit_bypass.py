"""The rate limits hold however the costly work is asked for: behind fragments and aliases, with
a repeated GET parameter, over the WebSocket, or behind a made-up X-Forwarded-For."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.__main__ import proxy_trust
from gateway.security.tokens import Role
from gateway.settings import Settings
from tests.edge.conftest import running, websocket_exchange
from tests.support.inprocess import gateway_in_process
from tests.support.processes import running_gateway

ONE_PER_CALLER: dict[str, Any] = {"rate_per_subject_per_minute": 1, "rate_burst_per_subject": 2}
VERIFY = 'verifyCertificate(number: "NX-1", verificationCode: "ABCDEFGH") { valid }'

HIDDEN_COSTLY = {
    "fragment": "query { ...F } fragment F on Query { cases(first: 1) { totalCount } }",
    "inline_fragment": "query { ... on Query { cases(first: 1) { totalCount } } }",
    "alias": "query { list: cases(first: 1) { totalCount } }",
    "nested_fragments": "query { ...A } fragment A on Query { ...B } fragment B on Query { cases(first: 1) { totalCount } }",
}  # fmt: skip


@pytest.mark.parametrize("query", HIDDEN_COSTLY.values(), ids=HIDDEN_COSTLY.keys())
async def test_a_costly_field_behind_a_fragment_or_alias_is_limited(tmp_path: Path, query: str) -> None:
    async with gateway_in_process(tmp_path, **ONE_PER_CALLER) as gateway:
        clerk = gateway.token(Role.CLERK, "staff-01", region="6401")
        statuses = [(await gateway.graphql(query, token=clerk)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


async def test_a_repeated_get_parameter_is_refused_naming_it(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gateway:
        params: list[tuple[str, str | int | float | bool | None]] = [
            ("query", "{ itemCatalogue { kind } }"),
            ("query", "{ cases(first: 1) { totalCount } }"),
        ]
        response = await gateway.http.get("/graphql", params=params)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "REPEATED_PARAMETER"
    assert "query" in error["message"] and "重复" in error["message"]


async def test_each_verify_certificate_alias_counts_against_the_address(tmp_path: Path) -> None:
    limits: dict[str, Any] = {"rate_per_address_per_minute": 1, "rate_burst_per_address": 3}
    async with gateway_in_process(tmp_path, **limits) as gateway:
        three = "{ " + " ".join(f"v{n}: {VERIFY}" for n in range(3)) + " }"
        first = await gateway.graphql(three)
        second = await gateway.graphql("{ " + VERIFY + " }")
    assert (first.status_code, second.status_code) == (200, 429)
    assert second.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


@pytest.mark.parametrize(
    "query",
    [
        "{ cases(first: 1) { totalCount } }",
        'mutation { withdrawApplication(caseId: "Q2FzZTox", reason: "家属撤回") { errors { code } } }',
    ],
    ids=["costly_query", "mutation"],
)
async def test_operations_over_the_websocket_are_limited_per_operation(tmp_path: Path, query: str) -> None:
    async with running(tmp_path, **ONE_PER_CALLER) as gateway:
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {gateway.token()}"}}
        payload = {"query": query}
        subscribes = [{"id": str(n), "type": "subscribe", "payload": payload} for n in range(3)]
        # ack; next and complete for each of the two allowed; one error for the third
        sent = await websocket_exchange(gateway.app, [json.dumps(m) for m in (init, *subscribes)], 6)
    messages = [json.loads(m["text"]) for m in sent if m["type"] == "websocket.send"]
    errors = [m for m in messages if m["type"] == "error"]
    assert [m["id"] for m in errors] == ["2"]
    assert errors[0]["payload"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert sorted(m["id"] for m in messages if m["type"] == "next") == ["0", "1"]


def test_a_made_up_forwarded_for_does_not_buy_a_fresh_bucket(tmp_path: Path) -> None:
    limits = {"GATEWAY_RATE_PER_ADDRESS_PER_MINUTE": "1", "GATEWAY_RATE_BURST_PER_ADDRESS": "2"}
    with running_gateway(tmp_path, GATEWAY_SERVE_MOCKS="false", GATEWAY_DISPATCHER="false", **limits) as gateway:
        query = {"query": "{ cases(first: 1) { totalCount } }"}
        statuses = [
            httpx.post(gateway.graphql, json=query, headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code
            for n in range(3)
        ]
    assert statuses == [200, 200, 429]


def test_only_listed_proxies_are_trusted_to_name_the_client(tmp_path: Path) -> None:
    assert proxy_trust(Settings(data_dir=tmp_path)) == {"proxy_headers": False, "forwarded_allow_ips": None}
    listed = Settings(data_dir=tmp_path, trusted_proxies=["10.0.0.7"])
    assert proxy_trust(listed) == {"proxy_headers": True, "forwarded_allow_ips": ["10.0.0.7"]}


async def test_a_refusal_for_the_rate_is_one_info_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    async with gateway_in_process(tmp_path, **ONE_PER_CALLER) as gateway:
        clerk = gateway.token(Role.CLERK, "staff-01", region="6401")
        for _ in range(2):
            await gateway.graphql(HIDDEN_COSTLY["fragment"], token=clerk)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="gateway"):
            refused = await gateway.graphql(HIDDEN_COSTLY["fragment"], token=clerk)
    lines = [r for r in caplog.records if "RATE_LIMITED" in r.getMessage()]
    assert refused.status_code == 429
    assert [r.levelno for r in lines] == [logging.INFO]
    assert refused.headers["x-request-id"] in lines[0].getMessage()
