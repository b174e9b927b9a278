"""The mocks as one app: every agency mounted, the admin API at the root, somebody else's code."""

from __future__ import annotations

import ast
from pathlib import Path

import httpx
import pytest

import mocks

SLUGS = (
    "weijian",
    "gongan",
    "minzheng",
    "renshe",
    "yibao",
    "gongjijin",
    "tuiyi",
    "canlian",
    "sifa",
    "shijian",
    "yinhang",
)


@pytest.mark.parametrize("slug", SLUGS)
async def test_every_agency_answers_its_health_check(slug: str, mocks_http: httpx.AsyncClient) -> None:
    answer = await mocks_http.get(f"/{slug}/health")

    assert (answer.status_code, answer.json()) == (200, {"status": "ok"})


async def test_the_root_has_a_health_check(mocks_http: httpx.AsyncClient) -> None:
    assert (await mocks_http.get("/healthz")).json() == {"status": "ok"}


async def test_tokens_for_call_backs_can_be_set_later(mocks_http: httpx.AsyncClient) -> None:
    accepted = await mocks_http.post("/admin/tokens", json={"HRSS": "tok", "HOUSING_FUND": "tok2"})
    refused = await mocks_http.post("/admin/tokens", json={"NOBODY": "tok"})

    assert accepted.json() == {"agencies": ["HOUSING_FUND", "HRSS"]}
    assert refused.status_code == 400


async def test_a_submission_that_is_not_json_is_refused_and_not_applied(mocks_http: httpx.AsyncClient) -> None:
    answer = await mocks_http.post("/tuiyi/settlements", content=b"{oops", headers={"Idempotency-Key": "k"})

    assert answer.status_code == 400
    assert (await mocks_http.get("/admin/ledger")).json()["keys"] == {}


async def test_a_submission_missing_a_required_field_is_refused_and_not_applied(mocks_http: httpx.AsyncClient) -> None:
    answer = await mocks_http.post("/tuiyi/settlements", json={"name": "张三"}, headers={"Idempotency-Key": "k"})

    assert answer.status_code == 400 and "idNumber" in answer.json()["error"]
    assert (await mocks_http.get("/admin/ledger")).json()["keys"] == {}


def test_the_mocks_import_nothing_of_ours() -> None:
    """They imitate somebody else's systems: no gateway, adapter or schema code may leak in."""
    ours = {"gateway", "adapters", "schema"}
    imported = set()
    for path in Path(mocks.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)

    assert not imported & ours
