"""Thousands of generated operations against the served schema: never a 5xx, never an internal error.

Operations come from hypothesis-graphql over `schema.build_schema()` (valid ones, and ones with a
single schema violation), sent in-process as an anonymous caller, an admin and an agency, after one
real application is on file so reads have something to find. Budget and replay: tests/fuzz/budget.py.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import graphql
import httpx
import pytest
from asgi_lifespan import LifespanManager
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, nodes

from adapters.kinds import Agency
from gateway.app import create_app
from gateway.security.tokens import Role, issue_token
from gateway.settings import Settings
from schema import build_schema
from tests.fuzz.budget import EXAMPLES, SEED

CALLERS: dict[str, tuple[Role, dict[str, Any]] | None] = {
    "anonymous": None,
    "admin": (Role.ADMIN, {}),
    "agency": (Role.AGENCY, {"agency": Agency.HRSS}),
}
KNOWN_IDS: list[str] = []  # filled by the fixture: the seeded case, its items and certificates
GRAPHQL_RESPONSE = "application/graphql-response+json"


def _string(values: st.SearchStrategy[str]) -> st.SearchStrategy[graphql.ValueNode]:
    return st.one_of(values, st.text(max_size=30)).map(nodes.String)


def _json_values() -> st.SearchStrategy[graphql.ValueNode]:
    leaves = st.one_of(
        st.integers(-(2**40), 2**40).map(nodes.Int), st.text(max_size=20).map(nodes.String), st.just(nodes.Null)
    )

    def containers(inner: st.SearchStrategy[graphql.ValueNode]) -> st.SearchStrategy[graphql.ValueNode]:
        field = st.tuples(st.text(string.ascii_letters, min_size=1, max_size=8), inner).map(
            lambda kv: graphql.ObjectFieldNode(name=graphql.NameNode(value=kv[0]), value=kv[1])
        )
        return st.lists(inner, max_size=4).map(nodes.List) | st.lists(field, max_size=4).map(nodes.Object)

    return st.recursive(leaves, containers, max_leaves=12)


def _known_id(index: int) -> graphql.ValueNode:
    return nodes.String(KNOWN_IDS[index % len(KNOWN_IDS)] if KNOWN_IDS else "none")


SCALARS = {
    "Date": _string(st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)).map(str)),
    "DateTime": _string(st.datetimes(timezones=st.just(dt.UTC)).map(dt.datetime.isoformat)),
    "Decimal": _string(st.decimals(allow_nan=True, allow_infinity=True).map(str)) | st.integers().map(nodes.Int),
    "JSON": _json_values(),
    "ID": st.integers(0, 63).map(_known_id) | st.text(max_size=40).map(nodes.String),
    # Files arrive only as multipart parts (tests/materials); in a JSON document an Upload is a literal
    # the gateway must refuse as the client's mistake.
    "Upload": st.just(nodes.Null) | st.text(max_size=20).map(nodes.String),
}
SCHEMA = build_schema()._schema
OPERATIONS = st.one_of(
    from_schema(SCHEMA, custom_scalars=SCALARS),
    from_schema(SCHEMA, custom_scalars=SCALARS, mode=Mode.NEGATIVE),
)
APPLICATION = """mutation { submitApplication(idempotencyKey: "fuzz-1", input: {
  channel: APP
  deceased: { name: "张建国", idNumber: "640104194803120515", deathDate: "2026-10-12",
    deathPlace: "宁夏回族自治区银川市兴庆区宁夏医科大学总医院", deathType: NORMAL,
    diedInMedicalInstitution: true, householdRegionCode: "640104", disposal: CREMATION }
  applicant: { name: "张伟", idNumber: "640104197506220337", phone: "13954121870", relationship: CHILD }
  payoutAccount: { bankName: "中国工商银行银川市分行", accountName: "张伟", accountNumber: "6247922448509993677" }
}) { case { id items { id } certificates { id } } errors { code } } }"""


@dataclass
class Fuzzed:
    http: httpx.AsyncClient
    headers: dict[str, str]


def _agencies_down(request: httpx.Request) -> httpx.Response:
    return httpx.Response(503, json={"error": "down for the fuzz run"})


@pytest.fixture
async def fuzzed(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Fuzzed]:
    config = Settings(data_dir=tmp_path, serve_mocks=False, dispatcher=False, adapter_attempts=1, rate_limits=False)
    agencies = httpx.AsyncClient(transport=httpx.MockTransport(_agencies_down))
    app = create_app(config, http=agencies)
    caller = CALLERS[request.node.callspec.params["caller"]]
    token = issue_token(config, caller[0], "fuzz", **caller[1]) if caller else None
    async with LifespanManager(app) as manager, agencies:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            await _seed_a_case(http, issue_token(config, Role.ADMIN, "fuzz"))
            headers = {"Accept": GRAPHQL_RESPONSE} | ({"Authorization": f"Bearer {token}"} if token else {})
            yield Fuzzed(http, headers)


async def _seed_a_case(http: httpx.AsyncClient, admin: str) -> None:
    answer = await http.post("/graphql", json={"query": APPLICATION}, headers={"Authorization": f"Bearer {admin}"})
    payload = answer.json()["data"]["submitApplication"]
    case = payload["case"]
    assert case is not None, payload["errors"]
    KNOWN_IDS[:] = [case["id"], *(i["id"] for i in case["items"]), *(c["id"] for c in case["certificates"])]


@pytest.mark.parametrize("caller", list(CALLERS))
@seed(SEED)
@settings(
    max_examples=max(EXAMPLES // len(CALLERS), 1),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(operation=OPERATIONS)
async def test_no_generated_operation_fails_the_gateway(fuzzed: Fuzzed, caller: str, operation: str) -> None:
    response = await fuzzed.http.post("/graphql", json={"query": operation}, headers=fuzzed.headers)
    replay = f"replay with FUZZ_SEED={SEED}; caller {caller}; operation:\n{operation}\nanswer: {response.text[:2000]}"
    assert response.status_code < 500, replay
    errors = json.loads(response.text).get("errors") or []
    codes = [(e.get("extensions") or {}).get("code") for e in errors]
    assert "INTERNAL_SERVER_ERROR" not in codes, replay
    assert all(codes), replay
    assert all((e.get("extensions") or {}).get("requestId") == response.headers["x-request-id"] for e in errors)
