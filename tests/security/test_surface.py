"""What the gateway shows the outside: headers, CORS, introspection, GraphiQL, redirects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import respx

from gateway.security.tokens import Role
from tests.security.production import production
from tests.support.inprocess import gateway_in_process

PRODUCTION: dict[str, Any] = {k: v for k, v in production().items() if k != "serve_mocks"}
INTROSPECT = "{ __schema { queryType { name } } }"


async def test_graphql_answers_carry_security_headers_and_are_never_stored(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gateway:
        response = await gateway.graphql("{ itemCatalogue { kind } }")
    h = response.headers
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer" and "frame-ancestors 'none'" in h["content-security-policy"]
    assert h["cache-control"] == "no-store"


async def test_cors_only_for_listed_origins(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path, cors_origins=["https://app.nx.gov.cn"]) as gateway:
        preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
        allowed = await gateway.http.options("/graphql", headers={"Origin": "https://app.nx.gov.cn", **preflight})
        refused = await gateway.http.options("/graphql", headers={"Origin": "https://evil.example", **preflight})
    assert allowed.headers["access-control-allow-origin"] == "https://app.nx.gov.cn"
    assert "access-control-allow-origin" not in refused.headers


async def test_no_cors_headers_when_no_origin_is_listed(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gateway:
        response = await gateway.graphql("{ itemCatalogue { kind } }")
    assert "access-control-allow-origin" not in response.headers


async def test_production_hides_introspection_and_graphiql(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path, **PRODUCTION) as gateway:
        introspection = (await gateway.graphql(INTROSPECT, token=gateway.token(Role.ADMIN, "ops"))).json()
        ide = await gateway.http.get("/graphql", headers={"Accept": "text/html"})
    assert introspection.get("errors") and not introspection.get("data")
    assert ide.status_code == 404 and "<html" not in ide.text.lower()


async def test_development_keeps_introspection(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gateway:
        body = (await gateway.graphql(INTROSPECT)).json()
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_a_registered_endpoint_that_redirects_elsewhere_is_not_followed(tmp_path: Path) -> None:
    mutation = """mutation { registerAgencyEndpoint(input: {agency: HRSS, baseUrl: "http://127.0.0.1:9999/hrss",
      itemKinds: [PENSION_ACCOUNT_REFUND], disabled: true}) { endpoint { healthy } errors { code } } }"""
    async with gateway_in_process(tmp_path) as gateway:
        with respx.mock(assert_all_called=False) as mock:
            mock.route(host="gateway.test").pass_through()
            mock.get("http://127.0.0.1:9999/hrss/health").respond(302, headers={"Location": "http://169.254.169.254/"})
            metadata = mock.get(host="169.254.169.254").respond(200)
            body = (await gateway.graphql(mutation, token=gateway.token(Role.ADMIN, "ops"))).json()
    assert body["data"]["registerAgencyEndpoint"]["endpoint"]["healthy"] is False
    assert not metadata.called, "the redirect was followed"
    assert isinstance(gateway.services.endpoints._http, httpx.AsyncClient)
    assert gateway.services.endpoints._http.follow_redirects is False
