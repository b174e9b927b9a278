"""Every paper the guide lists for an item reaches that item's agency whole: generated over the
guide, so an item that gains a paper is checked without a new test."""

from __future__ import annotations

import dataclasses
import hashlib

import httpx
import pytest

from adapters.contract import MaterialData
from adapters.kinds import Agency, ItemKind
from gateway.domain.materials import listed_for
from tests.adapters.items import item_request
from tests.adapters.test_agency_contract import KINDS, client_for, suitable
from tests.support import files

LISTED = [(agency, ItemKind(kind)) for agency, kinds in KINDS.items() for kind in kinds if listed_for(ItemKind(kind))]


def every_listed_paper(kind: ItemKind) -> tuple[MaterialData, ...]:
    """One scan of each paper the guide lists, conditional or not, each with its own content."""
    scans = {paper: files.pdf(f"{kind.value} {paper.value}") for paper in sorted(listed_for(kind))}
    return tuple(
        MaterialData(paper, "application/pdf", hashlib.sha256(scan).hexdigest(), scan) for paper, scan in scans.items()
    )


def test_every_item_kind_lists_a_paper_and_has_an_agency() -> None:
    assert {kind for _, kind in LISTED} == set(ItemKind)


@pytest.mark.parametrize(("agency", "kind"), LISTED, ids=lambda value: str(value))
async def test_every_paper_the_guide_lists_reaches_the_agency_whole(
    agency: Agency, kind: ItemKind, mocks_http: httpx.AsyncClient
) -> None:
    key = f"papers-{kind.value}"
    request = dataclasses.replace(item_request(suitable(kind), kind, key), materials=every_listed_paper(kind))

    await client_for(agency, mocks_http).submit(request)

    received = (await mocks_http.get("/admin/ledger")).json()["keys"][key]["papers"]
    assert received == {paper.kind.value: paper.sha256 for paper in request.materials}
