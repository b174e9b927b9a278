"""A forged `after` cursor is the client's mistake: a clear error naming `after`, never an internal error."""

from __future__ import annotations

import base64

import pytest

from tests.security.world import World

PAGE = "query($after: String) { cases(first: 1, after: $after) { totalCount } }"


def encoded(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        encoded("2026-01-01T00:00:00|1"),  # a naive timestamp: no offset
        encoded("2026-01-01T00:00:00+00:00"),  # wrong shape: no sequence
        encoded("2026-01-01T00:00:00+00:00|1|2"),  # wrong shape: too many parts
        encoded("yesterday|1"),  # not a timestamp
        encoded("2026-01-01T00:00:00+00:00|one"),  # not a sequence number
        "!!!not base64!!!",
        "wA==",  # base64 of bytes that are not UTF-8
        encoded("9999-12-31T23:59:59-14:00|1"),  # past the last representable UTC instant
        encoded("2026-01-01T00:00:00+00:00|99999999999999999999999"),  # wider than a database integer
    ],
)
async def test_a_malformed_cursor_is_a_client_error_naming_after(world: World, cursor: str) -> None:
    body = await world.ask("admin", PAGE, {"after": cursor})
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "after"
    assert "分页游标无效" in error["message"]


async def test_the_cursor_the_gateway_hands_out_still_pages(world: World) -> None:
    query = "query($after: String) { cases(first: 1, after: $after) { edges { cursor } pageInfo { endCursor } } }"
    first = await world.ask("admin", query)
    cursor = first["data"]["cases"]["pageInfo"]["endCursor"]
    second = await world.ask("admin", query, {"after": cursor})
    assert "errors" not in second and second["data"]["cases"]["edges"][0]["cursor"] != cursor
