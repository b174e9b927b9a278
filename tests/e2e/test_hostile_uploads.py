"""Hostile uploads against the real gateway process and the real mocks, over HTTP, on SQLite and on
PostgreSQL: files whose name lies, files too big or too many, an archive named .pdf, and callers who
may not touch the case. None of them leaves a paper on the case."""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import started
from tests.e2e.test_application_flow import applicant_of, person, submit
from tests.support import files
from tests.support.client import GraphQL
from tests.support.processes import Running
from tests.support.uploads import ATTACH, PREFLIGHT, attach, payload

pytestmark = pytest.mark.e2e
KIND = "DRIVING_LICENCE_RETURN"  # no test here may leave one on the case
PAPERS = "query($id: ID!) { case(id: $id) { materials { kind contentType size } } }"
FAMILY = "青年在职职工医院死亡，未成年子女领取遗属待遇，公积金已封存"  # its case stays open (a paper missing)
KEY = "hostile-uploads-case"  # one case per database for the whole module: the same key returns it


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def gateway(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """Small limits, so that over-the-limit bodies stay small: 4 KiB a file, 16 KiB a request, one file."""
    limits = {"GATEWAY_MAX_UPLOAD_BYTES": "4096", "GATEWAY_MAX_UPLOAD_TOTAL_BYTES": "16384"}
    yield from started(request, tmp_path_factory, GATEWAY_MAX_UPLOAD_FILES="1", **limits)


@pytest.fixture
async def family(gateway: Running, graphql: GraphQL, people: list[dict[str, Any]]) -> GraphQL:
    return applicant_of(gateway, graphql, person(people, FAMILY))


@pytest.fixture
async def case_id(family: GraphQL, people: list[dict[str, Any]]) -> str:
    return (await submit(family, person(people, FAMILY), KEY))["id"]  # type: ignore[no-any-return]


async def tried(client: GraphQL, case_id: str, name: str, content: bytes, declared: str) -> dict[str, Any]:
    return payload(await attach(client.http, client.token, case_id, KIND, [(name, content, declared)], url=client.url))


async def kinds_on(family: GraphQL, case_id: str) -> set[str]:
    return {m["kind"] for m in (await family(PAPERS, {"id": case_id}))["case"]["materials"]}


def codes(result: dict[str, Any]) -> list[str]:
    return [e["code"] for e in result["errors"]]


@pytest.mark.parametrize(
    ("name", "content", "declared", "code"),
    [
        ("驾驶证.pdf", b"<html><script>alert(1)</script></html>", "application/pdf", "UNSUPPORTED_FILE_TYPE"),
        ("驾驶证.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00PE\x00\x00", "application/pdf", "UNSUPPORTED_FILE_TYPE"),
        ("驾驶证.pdf", files.jpeg(), "application/pdf", "CONTENT_MISMATCH"),
        ("驾驶证.pdf", files.zip_bomb_like(), "application/pdf", "UNSUPPORTED_FILE_TYPE"),
        ("驾驶证.pdf", gzip.compress(b"%PDF-1.7\n" + b"\x00" * 1_000_000), "application/pdf", "UNSUPPORTED_FILE_TYPE"),
        ("驾驶证.pdf", files.pdf("x" * 5000), "application/pdf", "FILE_TOO_LARGE"),
        ("驾驶证.pdf", b"", "application/pdf", "EMPTY_FILE"),
    ],
    ids=[
        "html-named-pdf",
        "exe-named-pdf",
        "jpeg-named-pdf",
        "zip-bomb-named-pdf",
        "gzip-named-pdf",
        "oversize",
        "empty",
    ],
)
async def test_a_file_that_is_not_what_it_claims_or_too_big_is_refused_by_name_and_not_kept(
    family: GraphQL, case_id: str, name: str, content: bytes, declared: str, code: str
) -> None:
    result = await tried(family, case_id, name, content, declared)
    assert codes(result) == [code] and result["errors"][0]["field"] == "file"
    assert result["material"] is None and result["errors"][0]["message"]
    assert KIND not in await kinds_on(family, case_id)


async def test_an_announced_upload_over_the_request_total_is_refused_before_it_is_sent(
    gateway: Running, family: GraphQL, case_id: str
) -> None:
    """As curl sends a large upload (Expect: 100-continue): the 413 comes before the body is sent.
    Over plain HTTP/1.1 a body sent regardless may meet a reset: the gateway reads none of it."""
    operations = {"query": ATTACH, "variables": {"id": case_id, "kind": KIND, "file": None}}
    request = httpx.Request("POST", gateway.graphql, headers=PREFLIGHT | {"Authorization": f"Bearer {family.token}"},
                            data={"operations": json.dumps(operations), "map": '{"0": ["variables.file"]}'},
                            files={"0": ("big.pdf", files.pdf("x" * 20000), "application/pdf")})  # fmt: skip
    body = request.read()
    host, port = gateway.url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        head = ["POST /graphql HTTP/1.1", f"Host: {host}:{port}", "Expect: 100-continue",
                f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in request.headers.items()
                                                  if k.lower() not in ("host", "content-length"))]  # fmt: skip
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
        await writer.drain()
        async with asyncio.timeout(10):
            status_line = await reader.readline()
            answer = await reader.read()
    finally:
        writer.close()
    assert status_line.split()[1] == b"413"
    assert b'"PAYLOAD_TOO_LARGE"' in answer
    assert KIND not in await kinds_on(family, case_id)


async def test_too_many_files_in_one_request_are_refused(family: GraphQL, case_id: str) -> None:
    two = [("a.pdf", files.pdf("a"), "application/pdf"), ("b.pdf", files.pdf("b"), "application/pdf")]
    response = await attach(family.http, family.token, case_id, KIND, two, url=family.url)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_FILES"
    assert KIND not in await kinds_on(family, case_id)


@pytest.mark.parametrize(
    ("role", "subject", "extra"),
    [
        ("applicant", "640104197506220337", ()),  # another family's applicant
        ("clerk", "staff-elsewhere", ("--region", "6405")),  # a clerk of 中卫, the case is of 银川
    ],
    ids=["another-family", "clerk-of-another-region"],
)
async def test_someone_who_may_not_touch_the_case_is_told_it_is_not_found(
    gateway: Running, graphql: GraphQL, family: GraphQL, case_id: str, role: str, subject: str, extra: tuple[str, ...]
) -> None:
    stranger = graphql.as_(gateway.token(role, subject, *extra))
    result = await tried(stranger, case_id, "驾驶证.pdf", files.pdf(), "application/pdf")
    assert result["errors"] == [{"field": "caseId", "code": "NOT_FOUND", "message": "未找到该记录，或您无权访问"}]
    assert KIND not in await kinds_on(family, case_id)


@pytest.mark.parametrize(
    ("role", "subject", "extra"),
    [
        ("agency", "hrss-system", ("--agency", "HRSS")),
        ("committee", "committee-6401", ("--region", "6401")),
        ("supervisor", "sup-01", ("--region", "64")),
    ],
    ids=["agency", "committee", "supervisor"],
)
async def test_a_role_that_never_uploads_is_forbidden(
    gateway: Running, graphql: GraphQL, family: GraphQL, case_id: str, role: str, subject: str, extra: tuple[str, ...]
) -> None:
    caller = graphql.as_(gateway.token(role, subject, *extra))
    response = await attach(caller.http, caller.token, case_id, KIND, [("a.pdf", files.pdf(), "application/pdf")],
                            url=caller.url)  # fmt: skip
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert KIND not in await kinds_on(family, case_id)


async def test_after_all_that_the_family_still_attaches_a_real_scan(family: GraphQL, case_id: str) -> None:
    result = await tried(family, case_id, "驾驶证.png", files.png(), "image/png")
    assert result["errors"] == [] and result["material"]["contentType"] == "image/png"
    assert await kinds_on(family, case_id) == {KIND}
