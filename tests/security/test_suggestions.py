"""With introspection off, validation errors must not spell the schema out ("Did you mean 'cases'?")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gateway.security.tokens import Role
from tests.security.production import production
from tests.support.inprocess import gateway_in_process

PRODUCTION: dict[str, Any] = {k: v for k, v in production().items() if k != "serve_mocks"}
MISTAKES = {  # a misspelt name, and the right one a suggestion would give away
    "{ casez { totalCount } }": "'cases'",  # a root field
    "{ cases(frist: 1) { totalCount } }": "'first'",  # an argument
    "{ cases { totalCont } }": "'totalCount'",  # a field of a type
    "{ cases(filter: {statuz: [DRAFT]}) { totalCount } }": "'status'",  # an input field
    "{ cases(orderBy: NEWEST) { totalCount } }": "NEWEST_FIRST",  # an enum value
    "query($f: CaseFiltr) { cases(filter: $f) { totalCount } }": "'CaseFilter'",  # a type
}


async def test_without_introspection_a_misspelt_name_is_refused_without_naming_the_right_one(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path, **PRODUCTION) as gateway:
        admin = gateway.token(Role.ADMIN, "ops")
        answers = [(await gateway.graphql(query, token=admin)).json() for query in MISTAKES]
    for (query, right_name), body in zip(MISTAKES.items(), answers, strict=True):
        messages = " ".join(e["message"] for e in body["errors"])
        assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED", (query, body)
        assert "Did you mean" not in messages and right_name not in messages, (query, messages)


async def test_with_introspection_on_suggestions_still_help(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gateway:
        body = (await gateway.graphql("{ casez { totalCount } }", token=gateway.token(Role.ADMIN, "ops"))).json()
    assert "Did you mean 'case' or 'cases'?" in body["errors"][0]["message"]


async def test_without_introspection_a_misspelt_enum_in_variables_is_refused_without_the_right_one(
    tmp_path: Path,
) -> None:
    query = "query($o: CaseOrder) { cases(orderBy: $o) { totalCount } }"
    async with gateway_in_process(tmp_path, **PRODUCTION) as gateway:
        response = await gateway.graphql(query, {"o": "NEWEST"}, gateway.token(Role.ADMIN, "ops"))
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "NEWEST" in error["message"]
    assert "Did you mean" not in error["message"] and "NEWEST_FIRST" not in error["message"]
