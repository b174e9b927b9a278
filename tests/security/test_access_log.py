"""Every case a response carries is accounted for: who, when, which operation; admins read it."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

from mocks.people import population
from tests.security.world import APPLICANT_1, DECEASED_A, DECEASED_B, World

LOG = """query($id: ID) { accessLog(caseId: $id, first: 50) { at caseId actor role action operation requestId } }"""


async def log_of(world: World, case_id: str) -> list[dict[str, Any]]:
    body = await world.ask("admin", LOG, {"id": world.gid("Case", case_id)})
    assert not body.get("errors"), body
    entries: list[dict[str, Any]] = body["data"]["accessLog"]
    return entries


async def test_reads_are_logged_with_who_and_how(world: World) -> None:
    gid = world.gid("Case", world.case_a.id)
    await world.ask("applicant_1", "query($id: ID!) { case(id: $id) { id } }", {"id": gid})
    await world.ask("clerk_here", "{ cases(first: 5) { totalCount edges { node { id } } } }")
    await world.ask("agency_owning", "query($id: ID!) { node(id: $id) { id } }", {"id": gid})
    entries = await log_of(world, world.case_a.id)
    seen = {(e["role"], e["action"], e["operation"]) for e in entries}
    assert ("applicant", "READ", "query:case") in seen
    assert ("clerk", "READ", "query:cases") in seen
    assert ("agency", "READ", "query:node") in seen
    assert all(e["caseId"] == gid and e["requestId"] for e in entries)


async def test_applicants_are_named_by_digest_never_by_identity_number(world: World) -> None:
    await world.ask(
        "applicant_1", "query($id: ID!) { case(id: $id) { id } }", {"id": world.gid("Case", world.case_a.id)}
    )
    actors = {e["actor"] for e in await log_of(world, world.case_a.id)}
    assert any(a.startswith("applicant:") for a in actors)
    assert not any(APPLICANT_1 in a for a in actors)


async def test_changes_are_logged_as_changes(world: World) -> None:
    query = "mutation($c: ID!) { reviewCase(caseId: $c, decision: APPROVE) { case { id } errors { code } } }"
    body = await world.ask("clerk_elsewhere", query, {"c": world.gid("Case", world.case_b.id)})
    assert body["data"]["reviewCase"]["errors"] == []
    entries = await log_of(world, world.case_b.id)
    assert {(e["actor"], e["action"], e["operation"]) for e in entries} >= {
        ("clerk:staff-02", "CHANGE", "mutation:reviewCase")
    }


async def test_refused_reads_leave_no_entry_about_the_case(world: World) -> None:
    await world.ask(
        "applicant_2", "query($id: ID!) { case(id: $id) { id } }", {"id": world.gid("Case", world.case_a.id)}
    )
    assert not [e for e in await log_of(world, world.case_a.id) if e["role"] == "applicant"]


async def test_the_log_is_not_the_timeline(world: World) -> None:
    gid = world.gid("Case", world.case_a.id)
    before = await world.ask("admin", "query($id: ID!) { case(id: $id) { version timeline { type } } }", {"id": gid})
    await world.ask("applicant_1", "query($id: ID!) { case(id: $id) { id } }", {"id": gid})
    after = await world.ask("admin", "query($id: ID!) { case(id: $id) { version timeline { type } } }", {"id": gid})
    assert before["data"] == after["data"]


async def test_every_read_counts_even_when_answered_from_the_response_cache(world: World) -> None:
    query, gid = "query($id: ID!) { case(id: $id) { id status } }", world.gid("Case", world.case_a.id)
    for _ in range(3):
        assert (await world.ask("applicant_1", query, {"id": gid}))["data"]["case"]["id"] == gid
    reads = [e for e in await log_of(world, world.case_a.id) if e["role"] == "applicant"]
    assert len(reads) == 3


ELIGIBILITY = "query($n: String!) { eligibility(deceasedIdNumber: $n) { unavailableAgencies } }"


async def test_an_eligibility_look_up_is_logged_against_the_deceased_s_case(world: World) -> None:
    body = await world.ask("clerk_elsewhere", ELIGIBILITY, {"n": DECEASED_A})
    assert not body.get("errors"), body
    entries = [e for e in await log_of(world, world.case_a.id) if e["operation"].startswith("query:eligibility")]
    assert [(e["actor"], e["role"], e["action"]) for e in entries] == [("clerk:staff-02", "clerk", "READ")]
    assert DECEASED_A not in entries[0]["operation"] and entries[0]["requestId"]


async def test_an_eligibility_look_up_before_any_case_is_logged_by_the_deceased_s_digest(world: World) -> None:
    stranger = next(p.id_number for p in population() if p.id_number not in (DECEASED_A, DECEASED_B))
    body = await world.ask("clerk_here", ELIGIBILITY, {"n": stranger})
    assert not body.get("errors"), body
    everything = await world.ask("admin", "{ accessLog(first: 50) { actor action operation requestId } }")
    looked_up = [e for e in everything["data"]["accessLog"] if e["operation"].startswith("query:eligibility")]
    assert [(e["actor"], e["action"]) for e in looked_up] == [("clerk:staff-01", "READ")]
    digest = world.services.db.keyring.digest(stranger)[:24]
    assert f"deceased:{digest}" in looked_up[0]["operation"] and stranger not in looked_up[0]["operation"]


async def test_a_request_with_two_tokens_is_answered_and_logged_as_the_first_token_s_holder(world: World) -> None:
    """The edge verifies the first Authorization header; the response cache must key on that one
    too, or a cached answer for the second token's holder would be served, and logged, as the first's."""
    query, gid = "query($id: ID!) { case(id: $id) { id status } }", world.gid("Case", world.case_a.id)
    assert (await world.ask("applicant_1", query, {"id": gid}))["data"]["case"]["id"] == gid  # now cached
    both = [("Authorization", f"Bearer {world.tokens[name]}") for name in ("applicant_2", "applicant_1")]
    response = await world.gateway.http.post("/graphql", json={"query": query, "variables": {"id": gid}}, headers=both)
    assert response.json()["data"]["case"] is None  # applicant 2 may not see case A
    assert [e["role"] for e in await log_of(world, world.case_a.id)].count("applicant") == 1


async def test_every_read_is_logged_when_its_document_is_prepared_too(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first read of a document runs strawberry's pipeline; later ones run prepared (schema/prepared.py)."""
    pipeline: list[str | None] = []
    execute = strawberry.Schema.execute

    async def counted(self: strawberry.Schema, query: str | None, *args: Any, **kwargs: Any) -> Any:
        pipeline.append(query)
        return await execute(self, query, *args, **kwargs)

    monkeypatch.setattr(strawberry.Schema, "execute", counted)
    gid = world.gid("Case", world.case_a.id)
    query = "query Again($id: ID!) { case(id: $id) { id status } }"
    for caller in ("applicant_1", "clerk_here", "agency_owning"):
        body = await world.ask(caller, query, {"id": gid})
        assert body["data"]["case"]["id"] == gid
    assert pipeline.count(query) == 1
    again = [e for e in await log_of(world, world.case_a.id) if e["operation"] == "query:case"]
    assert sorted(e["role"] for e in again) == ["agency", "applicant", "clerk"]
