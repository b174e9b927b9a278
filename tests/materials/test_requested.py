"""A clerk returning a case may name a paper to provide: it is missing until attached."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.security.world import World, world_in
from tests.support import files
from tests.support.uploads import attach, payload

REVIEW = """mutation($c: ID!, $d: ReviewDecision!, $m: MaterialKind) {
  reviewCase(caseId: $c, decision: $d, reason: "请补充继承权公证书", requestMaterial: $m) {
    case { status reviewNote missingMaterials } errors { field code }
  }
}"""
MISSING = "query($c: ID!) { case(id: $c) { missingMaterials } }"


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with world_in(tmp_path) as w:
        yield w


async def review(world: World, decision: str, material: str | None) -> dict[str, Any]:
    variables = {"c": world.gid("Case", world.case_b.id), "d": decision, "m": material}
    body = await world.ask("clerk_elsewhere", REVIEW, variables)  # 6402 covers case B (640202)
    result: dict[str, Any] = body["data"]["reviewCase"]
    return result


async def test_returning_with_a_material_makes_it_missing_until_attached(world: World) -> None:
    returned = await review(world, "RETURN", "INHERITANCE_DOCUMENT")
    assert returned["errors"] == [] and returned["case"]["status"] == "RETURNED"
    assert "INHERITANCE_DOCUMENT" in returned["case"]["missingMaterials"]
    assert "继承权公证书" in returned["case"]["reviewNote"]
    gid = world.gid("Case", world.case_b.id)
    family = await world.ask("applicant_2", MISSING, {"c": gid})
    assert "INHERITANCE_DOCUMENT" in family["data"]["case"]["missingMaterials"]
    sent = payload(await attach(world.gateway.http, world.tokens["applicant_2"], gid, "INHERITANCE_DOCUMENT",
                                [("公证书.pdf", files.pdf(), "application/pdf")]))  # fmt: skip
    assert sent["errors"] == [] and "INHERITANCE_DOCUMENT" not in sent["case"]["missingMaterials"]


async def test_approving_cannot_ask_for_a_material(world: World) -> None:
    approved = await review(world, "APPROVE", "INHERITANCE_DOCUMENT")
    assert approved["errors"] == [{"field": "requestMaterial", "code": "ONLY_WHEN_RETURNING"}]
