"""Following cases through the gateway's public contract while agencies misbehave."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from tests.support.client import CASE, SUBMIT, GraphQL, application_for
from tests.support.waiting import wait_for

AGENCIES = "{ agencies { agency circuitOpen } }"
RETRY = "mutation($id: ID!) { retryItem(itemId: $id) { item { id status } errors { field code message } } }"
SETTLED_CASE = {"COMPLETED", "PARTIALLY_COMPLETED"}
DONE_ITEM = {"COMPLETED", "NOT_APPLICABLE"}
# Civil affairs refuses these until the family attaches the cemetery contract or the burial-place
# statement (mocks/agencies/minzheng.py): an admin's application comes without papers, so their
# refusal is the expected answer here, not a fault left unhealed.
PAPERS_REFUSED = frozenset({"GRAVE_USE_CERTIFICATE", "BURIAL_CERTIFICATE"})


def approvable(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """People whose application checks out against the records, so it is approved at once."""
    return [p for p in people if not p["expect"]["outOfScope"] and p["applicant"]["relationship"] != "SPECIFIED_PERSON"]


def ordinary(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Approvable people whose every item completes, nothing rejected but for want of papers."""
    return [p for p in approvable(people) if set(p["expect"]["rejections"]) <= PAPERS_REFUSED]


def answered(item: dict[str, Any]) -> bool:
    """Done as far as the agency goes: completed, not applicable, or refused for a paper not sent."""
    return item["status"] in DONE_ITEM or (item["status"] == "REJECTED" and item["kind"] in PAPERS_REFUSED)


def as_expected(case: dict[str, Any], person: dict[str, Any]) -> bool:
    """Rejected exactly where the person's scenario says, every other applicable item completed."""
    rejections = set(person["expect"]["rejections"])
    statuses = {i["kind"]: i["status"] for i in case["items"] if i["status"] != "NOT_APPLICABLE"}
    rejected = {kind for kind, status in statuses.items() if status == "REJECTED"}
    return rejected == rejections and all(s == "COMPLETED" for k, s in statuses.items() if k not in rejections)


def with_agencies(people: list[dict[str, Any]], *agencies: str) -> dict[str, Any]:
    return next(p for p in ordinary(people) if set(agencies) <= set(p["agencies"]))


async def submit(client: GraphQL, person: dict[str, Any], key: str | None = None) -> dict[str, Any]:
    payload = (await client(SUBMIT, {"input": application_for(person), "key": key}))["submitApplication"]
    assert payload["errors"] == [], payload["errors"]
    return payload["case"]  # type: ignore[no-any-return]


async def cases(client: GraphQL, ids: Iterable[str]) -> list[dict[str, Any]]:
    found = await asyncio.gather(*(client(CASE, {"id": case_id}) for case_id in ids))
    return [answer["case"] for answer in found]


async def settle(client: GraphQL, ids: list[str], within: float) -> list[dict[str, Any]]:
    return await wait_for(
        lambda: cases(client, ids), lambda cs: all(c["status"] in SETTLED_CASE for c in cs), within, interval=0.5
    )


def items_of(case: dict[str, Any], agency: str) -> list[dict[str, Any]]:
    return [i for i in case["items"] if i["agency"] == agency and i["status"] != "NOT_APPLICABLE"]


def others_done(case: dict[str, Any], *agencies: str) -> bool:
    return all(answered(i) for i in case["items"] if i["agency"] not in agencies)


def events(case: dict[str, Any], type_: str, kind: str | None = None) -> list[dict[str, Any]]:
    return [e for e in case["timeline"] if e["type"] == type_ and kind in (None, e["itemKind"])]


def key_of(case: dict[str, Any], item: dict[str, Any]) -> str:
    return f"{case['reference']}:{item['kind']}:g0"


async def circuit_open(admin: GraphQL, agency: str) -> bool:
    endpoints = (await admin(AGENCIES))["agencies"]
    return any(e["agency"] == agency and e["circuitOpen"] for e in endpoints)
