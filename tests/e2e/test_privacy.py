"""After a whole application, no full personal number is in the logs, the timeline, the access log
or (SQLite) the database file: they live encrypted, and travel only to the agencies."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.papers import completed_with_papers
from tests.support.client import SUBMIT, GraphQL, application_for
from tests.support.processes import Running

pytestmark = pytest.mark.e2e
LOG = "query($id: ID) { accessLog(caseId: $id, first: 200) { actor role action operation } }"


def secrets_of(p: dict[str, Any]) -> set[str]:
    a = p["applicant"]
    return {p["idNumber"], a["idNumber"], a["phone"], p["payoutAccount"]["accountNumber"].replace(" ", "")}


async def test_a_whole_flow_leaves_no_full_number_behind(
    gateway: Running, graphql: GraphQL, admin: GraphQL, people: list[dict[str, Any]]
) -> None:
    p = next(x for x in people if "医院死亡，火化后入公墓；退休职工" in x["scenario"])
    family = graphql.as_(gateway.token("applicant", p["applicant"]["idNumber"]))
    submitted = (await family(SUBMIT, {"input": application_for(p)}))["submitApplication"]
    assert submitted["errors"] == []

    case = await completed_with_papers(family, submitted["case"]["id"])  # the papers uploaded on the way
    assert case["status"] == "COMPLETED"
    log = (await admin(LOG, {"id": case["id"]}))["accessLog"]
    assert {"query:case", "mutation:submitApplication"} <= {e["operation"] for e in log}

    secrets = secrets_of(p)
    where = {
        "log": (gateway.data_dir / "gateway.log").read_text(errors="replace"),
        "timeline": repr(case["timeline"]),
        "access log": repr(log),
        "database": b"".join(f.read_bytes() for f in gateway.data_dir.glob("gateway.sqlite3*")).decode(
            errors="replace"
        ),
    }
    leaks = {place: [s for s in secrets if s in text] for place, text in where.items()}
    assert not any(leaks.values()), leaks
