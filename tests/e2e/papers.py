"""The family providing the papers its case still misses (一套材料), as an app would: one upload each.

Civil affairs issues no grave-use or burial certificate without the cemetery contract or the
burial-place statement, so every case the mocks hold is refused one item until its papers come:
`completed_with_papers` is what a family does then, and what a test that wants a finished case does.
"""

from __future__ import annotations

from typing import Any

from tests.support import files
from tests.support.client import CASE, RESUBMIT, GraphQL
from tests.support.uploads import attach, payload
from tests.support.waiting import wait_for

MISSING = "query($id: ID!) { case(id: $id) { missingMaterials } }"
SETTLED = {"COMPLETED", "PARTIALLY_COMPLETED"}


async def provide_missing(family: GraphQL, case_id: str) -> list[str]:
    """A scan of each paper the case still misses, attached; the kinds attached."""
    missing: list[str] = (await family(MISSING, {"id": case_id}))["case"]["missingMaterials"]
    for kind in missing:
        scan = [(f"{kind.lower()}.pdf", files.pdf(kind), "application/pdf")]
        result = payload(await attach(family.http, family.token, case_id, kind, scan, url=family.url))
        assert result["errors"] == [], result["errors"]
    return missing


async def resubmit_with_papers(family: GraphQL, case_id: str) -> list[str]:
    """The missing papers attached and what was refused sent again; the kinds attached."""
    provided = await provide_missing(family, case_id)
    assert (await family(RESUBMIT, {"id": case_id}))["resubmitApplication"]["errors"] == []
    return provided


async def settled(family: GraphQL, case_id: str, within: float = 60) -> dict[str, Any]:
    async def probe() -> dict[str, Any]:
        return (await family(CASE, {"id": case_id}))["case"]  # type: ignore[no-any-return]

    return await wait_for(probe, lambda c: c["status"] in SETTLED, within=within, interval=0.25)


async def completed_with_papers(family: GraphQL, case_id: str, within: float = 60) -> dict[str, Any]:
    """The case settled; if items were refused for want of papers, those attached, the refused items
    resubmitted, and the case settled again."""
    case = await settled(family, case_id, within)
    if case["status"] == "COMPLETED" or not (await family(MISSING, {"id": case_id}))["case"]["missingMaterials"]:
        return case
    await resubmit_with_papers(family, case_id)
    return await settled(family, case_id, within)
