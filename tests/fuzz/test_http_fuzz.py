"""Generated HTTP requests and variables: any method, media type, body or variable value.

Never a 5xx; a refusal is the JSON error shape with a code; no error is INTERNAL_SERVER_ERROR.
Budget and replay: tests/fuzz/budget.py.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from gateway.security.tokens import Role
from tests.edge.conftest import Gateway, running
from tests.fuzz.budget import EXAMPLES, SEED
from tests.support.client import CASE, RESUBMIT, SUBMIT, VERIFY

OPERATIONS_WITH_VARIABLES = [
    SUBMIT,
    RESUBMIT,
    CASE,
    VERIFY,
    "query($f: CaseFilter, $n: Int, $a: String) { cases(filter: $f, first: $n, after: $a) { totalCount edges { cursor } } }",
    "mutation($id: ID!, $o: ItemOutcomeInput!) { reportItemOutcome(itemId: $id, outcome: $o) { errors { code } } }",
    "mutation($i: RegisterAgencyEndpointInput!) { registerAgencyEndpoint(input: $i) { errors { code } } }",
    "mutation($id: ID!, $d: ReviewDecision!, $r: String) { reviewCase(caseId: $id, decision: $d, reason: $r) { errors { code } } }",
    "mutation($id: ID!, $r: String!) { withdrawApplication(caseId: $id, reason: $r) { errors { code } } }",
    "query($n: String!) { eligibility(deceasedIdNumber: $n) { unavailableAgencies } }",
]  # fmt: skip
FORM = {
    "channel": "APP",
    "deceased": {
        "name": "张建国",
        "idNumber": "640104194803120515",
        "deathDate": "2026-10-12",
        "deathPlace": "宁夏回族自治区银川市兴庆区宁夏医科大学总医院",
        "deathType": "NORMAL",
        "diedInMedicalInstitution": True,
        "householdRegionCode": "640104",
        "disposal": "CREMATION",
    },
    "applicant": {"name": "张伟", "idNumber": "640104197506220337", "phone": "13954121870", "relationship": "CHILD"},
}
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=15,
)
CONTENT_TYPES = st.sampled_from(
    ["application/json", "application/json; charset=utf-8", "text/plain", "multipart/form-data", "", "application/*"]
) | st.text(max_size=30)
ACCEPTS = st.sampled_from(["", "*/*", "application/json", "application/graphql-response+json", "text/html"]) | st.text(
    max_size=30
)


@st.composite
def altered_form(draw: st.DrawFn) -> dict[str, Any]:
    """A valid application with one value replaced by anything."""
    form: dict[str, Any] = json.loads(json.dumps(FORM))
    section = draw(st.sampled_from(["deceased", "applicant", None]))
    if section is None:
        form[draw(st.sampled_from(["channel", "deceased", "applicant", "payoutAccount", "optionalItems"]))] = draw(
            JSON_VALUES
        )
    else:
        form[section][draw(st.sampled_from(sorted(form[section])))] = draw(JSON_VALUES)
    return form


VARIABLES = st.one_of(
    st.dictionaries(st.sampled_from(["input", "id", "n", "c", "f", "a", "o", "i", "d", "r", "items"]), JSON_VALUES),
    st.builds(lambda form: {"input": form}, altered_form()),
)
GRAPHQL_BODIES = st.builds(
    lambda query, variables, name: {"query": query, "variables": variables, "operationName": name},
    st.sampled_from(OPERATIONS_WITH_VARIABLES),
    VARIABLES,
    st.none() | st.text(max_size=10),
).map(lambda body: json.dumps(body).encode())
BODIES = st.one_of(
    GRAPHQL_BODIES, GRAPHQL_BODIES, st.binary(max_size=200), JSON_VALUES.map(lambda v: json.dumps(v).encode())
)


@pytest.fixture
async def admin_gateway(tmp_path: Path) -> AsyncIterator[tuple[Gateway, str]]:
    async with running(tmp_path, adapter_attempts=1, rate_limits=False) as gateway:
        yield gateway, gateway.token(Role.ADMIN, "fuzz")


@seed(SEED)
@settings(
    max_examples=max(EXAMPLES // 3, 1),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    method=st.sampled_from(["POST", "POST", "POST", "GET", "PUT", "PATCH", "DELETE", "OPTIONS"]),
    content_type=CONTENT_TYPES,
    accept=ACCEPTS,
    body=BODIES,
)
async def test_no_generated_request_fails_the_gateway(
    admin_gateway: tuple[Gateway, str], method: str, content_type: str, accept: str, body: bytes
) -> None:
    gateway, token = admin_gateway
    headers = {"Content-Type": content_type, "Accept": accept, "Authorization": f"Bearer {token}"}
    request = httpx.Request(method, "http://gateway.test/graphql", headers=_raw(headers), content=body)
    response = await gateway.http.send(request)
    replay = f"replay with FUZZ_SEED={SEED}: {method} {headers} {body[:500]!r}\nanswer: {response.text[:1000]}"
    assert response.status_code < 500, replay
    if response.headers["content-type"].startswith("text/html"):
        return  # GraphiQL's page
    errors = response.json().get("errors") or []
    assert response.status_code < 400 or errors, replay
    codes = [e["extensions"]["code"] for e in errors]
    assert "INTERNAL_SERVER_ERROR" not in codes, replay


def _raw(headers: dict[str, str]) -> dict[bytes, bytes]:
    """Header values as the bytes a client may send (anything but line breaks and NUL)."""
    return {k.encode(): v.encode() for k, v in headers.items() if not {"\r", "\n", "\x00"} & set(v)}
