"""attachMaterial over multipart, in process: the content decides, the limits hold, strangers are
refused as if the case did not exist, a newer paper replaces the older, and the bytes are sealed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.security.world import World, world_in
from tests.support import files
from tests.support.uploads import attach, payload

SEALING = "HOUSING_FUND_SEALING_CERTIFICATE"


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with world_in(tmp_path, max_upload_bytes=4096, max_upload_total_bytes=16384, max_upload_files=1) as w:
        yield w


def codes(result: dict[str, object]) -> list[object]:
    return [e["code"] for e in result["errors"]]  # type: ignore[attr-defined]


async def test_the_applicant_attaches_a_pdf_and_the_case_lists_it(world: World) -> None:
    case_id = world.gid("Case", world.case_a.id)
    result = payload(await attach(world.gateway.http, world.tokens["applicant_1"], case_id, SEALING,
                                  [("封存证明.pdf", files.pdf(), "application/pdf")]))  # fmt: skip
    assert result["errors"] == []
    assert result["material"]["kind"] == SEALING and result["material"]["contentType"] == "application/pdf"
    assert result["case"]["materials"] == [
        {"kind": SEALING, "contentType": "application/pdf", "size": len(files.pdf())}
    ]
    assert SEALING not in result["case"]["missingMaterials"]


async def test_the_type_comes_from_the_content_not_the_name(world: World) -> None:
    case_id, token = world.gid("Case", world.case_a.id), world.tokens["applicant_1"]
    photo = payload(
        await attach(world.gateway.http, token, case_id, SEALING, [("scan.png", files.png(), "image/jpeg")])
    )
    assert photo["material"]["contentType"] == "image/png"
    wrong = payload(
        await attach(world.gateway.http, token, case_id, SEALING, [("scan.pdf", b"MZ\x90\x00exe", "application/pdf")])
    )
    assert codes(wrong) == ["UNSUPPORTED_FILE_TYPE"] and wrong["errors"][0]["field"] == "file"
    lying = payload(
        await attach(world.gateway.http, token, case_id, SEALING, [("scan.pdf", files.jpeg(), "application/pdf")])
    )
    assert codes(lying) == ["CONTENT_MISMATCH"]


async def test_a_zip_named_pdf_is_refused(world: World) -> None:
    case_id, token = world.gid("Case", world.case_a.id), world.tokens["applicant_1"]
    result = payload(await attach(world.gateway.http, token, case_id, SEALING,
                                  [("证明.pdf", files.zip_bomb_like(), "application/pdf")]))  # fmt: skip
    assert codes(result) == ["UNSUPPORTED_FILE_TYPE"]


async def test_a_file_over_the_limit_is_refused_by_name(world: World) -> None:
    case_id, token = world.gid("Case", world.case_a.id), world.tokens["applicant_1"]
    big = files.pdf("x" * 5000)
    result = payload(await attach(world.gateway.http, token, case_id, SEALING, [("big.pdf", big, "application/pdf")]))
    assert codes(result) == ["FILE_TOO_LARGE"]
    assert "MiB" in result["errors"][0]["message"]


async def test_a_body_over_the_upload_total_is_refused_before_parsing(world: World) -> None:
    case_id, token = world.gid("Case", world.case_a.id), world.tokens["applicant_1"]
    response = await attach(
        world.gateway.http, token, case_id, SEALING, [("big.pdf", files.pdf("x" * 20000), "application/pdf")]
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_too_many_files_in_one_request_are_refused(world: World) -> None:
    case_id, token = world.gid("Case", world.case_a.id), world.tokens["applicant_1"]
    two = [("a.pdf", files.pdf(), "application/pdf"), ("b.pdf", files.pdf(), "application/pdf")]
    response = await attach(world.gateway.http, token, case_id, SEALING, two)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_FILES"


async def test_multipart_without_the_preflight_header_is_refused(world: World) -> None:
    case_id, token = world.gid("Case", world.case_a.id), world.tokens["applicant_1"]
    response = await attach(world.gateway.http, token, case_id, SEALING, [("a.pdf", files.pdf(), "application/pdf")],
                            preflight=False)  # fmt: skip
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "PREFLIGHT_HEADER_REQUIRED"


@pytest.mark.parametrize("caller", ["applicant_2", "clerk_elsewhere"])
async def test_someone_who_may_not_touch_the_case_is_told_it_is_not_found(world: World, caller: str) -> None:
    case_id = world.gid("Case", world.case_a.id)
    result = payload(await attach(world.gateway.http, world.tokens[caller], case_id, SEALING,
                                  [("a.pdf", files.pdf(), "application/pdf")]))  # fmt: skip
    assert result["errors"] == [{"field": "caseId", "code": "NOT_FOUND", "message": "未找到该记录，或您无权访问"}]


async def test_an_agency_may_not_upload_at_all(world: World) -> None:
    case_id = world.gid("Case", world.case_a.id)
    response = await attach(world.gateway.http, world.tokens["agency_owning"], case_id, SEALING,
                            [("a.pdf", files.pdf(), "application/pdf")])  # fmt: skip
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_regions_clerk_attaches_at_the_window_and_a_newer_paper_replaces_the_older(world: World) -> None:
    case_id = world.gid("Case", world.case_a.id)
    first = payload(await attach(world.gateway.http, world.tokens["applicant_1"], case_id, SEALING,
                                 [("a.pdf", files.pdf(), "application/pdf")]))  # fmt: skip
    second = payload(await attach(world.gateway.http, world.tokens["clerk_here"], case_id, SEALING,
                                  [("b.png", files.png(), "image/png")]))  # fmt: skip
    assert second["errors"] == [] and second["material"]["id"] != first["material"]["id"]
    assert second["case"]["materials"] == [{"kind": SEALING, "contentType": "image/png", "size": len(files.png())}]


async def test_the_paper_is_sealed_in_the_database_file(world: World, tmp_path: Path) -> None:
    marker = "PLAINTEXT-MARKER-IN-THE-SCAN"
    case_id = world.gid("Case", world.case_a.id)
    result = payload(await attach(world.gateway.http, world.tokens["applicant_1"], case_id, SEALING,
                                  [("a.pdf", files.pdf(marker), "application/pdf")]))  # fmt: skip
    assert result["errors"] == []
    await world.services.db.engine.dispose()  # flush the WAL into the file
    blob = b"".join(p.read_bytes() for p in tmp_path.glob("gateway.sqlite3*"))  # noqa: ASYNC240 - a test, after the app is idle
    assert marker.encode() not in blob and b"%PDF-1.7" not in blob


@pytest.mark.parametrize(
    "body",
    [b"garbage", b'--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n[1]\r\n--x--\r\n'],
    ids=["not-multipart", "no-map"],
)
async def test_a_malformed_multipart_request_is_a_clear_400(world: World, body: bytes) -> None:
    headers = {"content-type": "multipart/form-data; boundary=x", "GraphQL-Preflight": "1"}
    response = await world.gateway.http.post("/graphql", content=body, headers=headers)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_MULTIPART"
