"""The gateway as real JavaScript clients find it: the GraphQL-over-HTTP audit of graphql-http,
graphql-ws (the reference graphql-transport-ws client) following a case as a mobile app does, and
Apollo Client's persisted-query link, with and without the trusted-documents mode."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.clients.node_clients import run_script
from tests.e2e.papers import resubmit_with_papers
from tests.e2e.test_application_flow import applicant_of, person, settled, submit, submit_quietly
from tests.support.client import GraphQL
from tests.support.processes import Running, running_gateway

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running_gateway(tmp_path_factory.mktemp("node-clients")) as running:
        yield running


@pytest.fixture
async def graphql(gateway: Running) -> Any:
    async with httpx.AsyncClient(timeout=30) as http:
        yield GraphQL(http, gateway.graphql, gateway.token("admin", "ops-admin"))


@pytest.fixture
async def people(gateway: Running) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(timeout=30) as http:
        return (await http.get(f"{gateway.mocks_url}/people")).json()  # type: ignore[no-any-return]


def ws(gateway: Running) -> str:
    return gateway.graphql.replace("http://", "ws://")


def test_every_must_and_should_of_the_graphql_over_http_audit_passes(gateway: Running) -> None:
    (results,) = run_script("audit.mjs", gateway.graphql)
    assert len(results) > 40, "the audit ran too few checks to mean anything"
    assert [r for r in results if r["status"] != "ok"] == []


async def test_graphql_ws_follows_a_case_from_its_present_state_to_completion(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "退休人员医院死亡，火化入公墓，持驾驶证")
    family = applicant_of(gateway, graphql, p)
    case = await submit(family, p)
    messages = run_script("follow.mjs", ws(gateway), family.token or "", case["id"], timeout=90)
    cases = [m["data"]["caseUpdated"] for m in messages]
    assert cases[-1]["status"] == "PARTIALLY_COMPLETED"  # civil affairs asked for the grave contract
    await resubmit_with_papers(family, case["id"])
    since = str(cases[-1]["version"])
    messages = run_script("follow.mjs", ws(gateway), family.token or "", case["id"], since, timeout=90)
    cases += [m["data"]["caseUpdated"] for m in messages]
    versions = [c["version"] for c in cases]
    assert versions[0] >= case["version"] and versions == sorted(set(versions))
    assert cases[-1]["status"] == "COMPLETED"


async def test_graphql_ws_reconnecting_with_its_last_version_hears_only_what_is_newer(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = person(people, "退休人员在家中死亡，卫生院核实后出具证明")
    family = applicant_of(gateway, graphql, p)
    done = await settled(family, (await submit_quietly(family, p))["id"])
    token, version = family.token or "", str(done["version"])
    behind = run_script("follow.mjs", ws(gateway), token, done["id"], str(done["version"] - 1), "1")
    assert [m["data"]["caseUpdated"]["version"] for m in behind] == [done["version"]]
    # up to date: nothing to send, so the client hears nothing until it gives up
    assert run_script("follow.mjs", ws(gateway), token, done["id"], version, "1", timeout=3) == []


def test_apollo_client_sends_a_hash_and_the_document_only_when_the_gateway_asks(gateway: Running) -> None:
    lines = run_script("apollo.mjs", "run", gateway.graphql)
    requests = [(line["request"], line["withQuery"]) for line in lines if "request" in line]
    results = [line for line in lines if "result" in line]
    # first use: the hash alone (GET, cacheable), asked for the document once (POST); then the hash is enough
    assert requests[:3] == [("GET", False), ("POST", True), ("GET", False)]
    assert [r["result"] for r in results] == [23, 23, 23] and all(r["codes"] == [] for r in results)


def test_with_trusted_documents_only_the_app_build_s_operations_run(tmp_path: Path) -> None:
    (manifest,) = run_script("apollo.mjs", "manifest")
    file = tmp_path / "manifest.json"
    file.write_text(json.dumps(manifest), encoding="utf-8")
    trusted = {"GATEWAY_TRUSTED_DOCUMENTS_FILE": str(file), "GATEWAY_TRUSTED_DOCUMENTS_ONLY": "true"}
    with running_gateway(tmp_path / "gateway", GATEWAY_SERVE_MOCKS="false", **trusted) as strict:
        lines = run_script("apollo.mjs", "run", strict.graphql)
    requests = [(line["request"], line["withQuery"]) for line in lines if "request" in line]
    results = [line for line in lines if "result" in line]
    assert requests[:2] == [("GET", False), ("GET", False)], "the manifest's operation ran by its hash at once"
    assert [r["result"] for r in results[:2]] == [23, 23]
    assert results[2]["result"] is None and results[2]["codes"] == ["PERSISTED_QUERY_NOT_IN_LIST"]
