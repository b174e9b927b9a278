"""Persisted operations over HTTP: a hash instead of the document (automatic persisted queries), and
the trusted-documents mode where only the app build's operations run. A persisted operation is
limited, priced and cached exactly like the same document sent in full."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gateway.edge.persisted import parse_manifest, sha256_of
from tests.edge.conftest import Gateway, refusal, running, websocket_exchange
from tests.edge.test_limits import PAGE_OF_ITEMS

CATALOGUE = "query Catalogue { itemCatalogue { kind } }"
OTHER = "query Titles { itemCatalogue { title } }"


def persisted(document: str, *, with_query: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256_of(document)}}}
    return body | ({"query": document} if with_query else {})


def manifest(tmp_path: Path, *documents: str) -> Path:
    operations = [{"id": sha256_of(d), "body": d, "name": d.split()[1], "type": "query"} for d in documents]
    file = tmp_path / "manifest.json"
    file.write_text(json.dumps({"format": "apollo-persisted-query-manifest", "version": 1, "operations": operations}))
    return file


async def test_an_unknown_hash_is_asked_for_its_document_and_then_runs_by_its_hash(gateway: Gateway) -> None:
    unknown = await gateway.post(persisted(CATALOGUE))
    assert (unknown.status_code, refusal(unknown)["extensions"]["code"]) == (200, "PERSISTED_QUERY_NOT_FOUND")
    registered = await gateway.post(persisted(CATALOGUE, with_query=True))
    by_hash = await gateway.post(persisted(CATALOGUE))
    assert registered.json() == by_hash.json() and by_hash.json()["data"]["itemCatalogue"]


async def test_a_hash_runs_over_get_too(gateway: Gateway) -> None:
    await gateway.post(persisted(CATALOGUE, with_query=True))
    params = {"extensions": json.dumps(persisted(CATALOGUE)["extensions"])}
    answer = await gateway.http.get("/graphql", params=params, headers={"Accept": "application/json"})
    assert answer.status_code == 200 and answer.json()["data"]["itemCatalogue"]


@pytest.mark.parametrize("accept", ["*/*", "text/html,application/xhtml+xml,*/*;q=0.8"])
@pytest.mark.parametrize("graphiql", [True, False])
async def test_a_hash_over_get_is_answered_whatever_the_client_accepts(
    tmp_path: Path, accept: str, graphiql: bool
) -> None:
    """Not GraphiQL's page (nor, with GraphiQL off, its refusal): the GET asks for an operation."""
    async with running(tmp_path, graphiql=graphiql) as gateway:
        await gateway.post(persisted(CATALOGUE, with_query=True))
        params = {"extensions": json.dumps(persisted(CATALOGUE)["extensions"])}
        answer = await gateway.http.get("/graphql", params=params, headers={"Accept": accept})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
        assert answer.json()["data"]["itemCatalogue"]


async def test_a_hash_that_is_not_the_document_s_is_refused(gateway: Gateway) -> None:
    lying = persisted(CATALOGUE) | {"query": OTHER}
    answer = await gateway.post(lying)
    assert (answer.status_code, refusal(answer)["extensions"]["code"]) == (400, "PERSISTED_QUERY_HASH_MISMATCH")
    assert refusal(await gateway.post(persisted(CATALOGUE)))["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


@pytest.mark.parametrize(
    "extension",
    [{"version": 2, "sha256Hash": "0" * 64}, {"version": 1, "sha256Hash": "xyz"}, {"version": 1}, "hash"],
)
async def test_a_malformed_persisted_query_extension_is_refused(gateway: Gateway, extension: object) -> None:
    answer = await gateway.post({"extensions": {"persistedQuery": extension}})
    assert (answer.status_code, refusal(answer)["extensions"]["code"]) == (400, "PERSISTED_QUERY_INVALID")


async def test_a_persisted_operation_is_priced_like_the_document(tmp_path: Path) -> None:
    async with running(tmp_path, max_query_cost=1000) as strict:
        first = await strict.post(persisted(PAGE_OF_ITEMS, with_query=True))
        again = await strict.post(persisted(PAGE_OF_ITEMS))
    assert [refusal(a)["extensions"]["code"] for a in (first, again)] == ["QUERY_TOO_COSTLY", "QUERY_TOO_COSTLY"]


async def test_only_the_manifest_s_operations_run_in_trusted_documents_mode(tmp_path: Path) -> None:
    file = manifest(tmp_path, CATALOGUE)
    async with running(tmp_path, trusted_documents_file=file, trusted_documents_only=True) as strict:
        by_hash = await strict.post(persisted(CATALOGUE))
        in_full = await strict.post({"query": CATALOGUE})
        others = [await strict.post({"query": OTHER}), await strict.post(persisted(OTHER, with_query=True))]
        unknown_hash = await strict.post(persisted(OTHER))
    assert by_hash.json()["data"] == in_full.json()["data"] and by_hash.json()["data"]["itemCatalogue"]
    codes = {refusal(a)["extensions"]["code"] for a in [*others, unknown_hash]}
    assert codes == {"PERSISTED_QUERY_NOT_IN_LIST"} and {a.status_code for a in others} == {400}


async def test_a_manifest_s_operation_runs_by_hash_without_trusted_only(tmp_path: Path) -> None:
    async with running(tmp_path, trusted_documents_file=manifest(tmp_path, CATALOGUE)) as gateway:
        assert (await gateway.post(persisted(CATALOGUE))).json()["data"]["itemCatalogue"]
        assert (await gateway.post({"query": OTHER})).json()["data"]["itemCatalogue"]


def test_a_manifest_whose_id_is_not_its_body_s_hash_is_refused_at_start() -> None:
    content = {"format": "apollo-persisted-query-manifest", "operations": [{"id": "0" * 64, "body": CATALOGUE}]}
    with pytest.raises(ValueError, match=r"operations\[0\].*sha256"):
        parse_manifest(content, "manifest.json")


async def test_a_socket_runs_no_other_operation_in_trusted_documents_mode(tmp_path: Path) -> None:
    subscription = 'subscription Follow { caseUpdated(caseId: "Q2FzZTp4") { id } }'
    async with running(
        tmp_path, trusted_documents_file=manifest(tmp_path, CATALOGUE), trusted_documents_only=True
    ) as g:
        subscribe = {"id": "1", "type": "subscribe", "payload": {"query": subscription}}
        texts = [json.dumps({"type": "connection_init"}), json.dumps(subscribe)]
        _accepted, _ack, refused = await websocket_exchange(g.app, texts, replies=3)
    message = json.loads(refused["text"])
    assert message["type"] == "error" and message["payload"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_IN_LIST"
