"""The family providing the papers its case still misses (一套材料), as an app would: one upload each."""

from __future__ import annotations

from tests.support import files
from tests.support.client import GraphQL
from tests.support.uploads import attach, payload

MISSING = "query($id: ID!) { case(id: $id) { missingMaterials } }"


async def provide_missing(family: GraphQL, case_id: str) -> list[str]:
    """A scan of each paper the case still misses, attached; the kinds attached."""
    missing: list[str] = (await family(MISSING, {"id": case_id}))["case"]["missingMaterials"]
    for kind in missing:
        scan = [(f"{kind.lower()}.pdf", files.pdf(kind), "application/pdf")]
        result = payload(await attach(family.http, family.token, case_id, kind, scan, url=family.url))
        assert result["errors"] == [], result["errors"]
    return missing
