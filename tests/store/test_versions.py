"""Checking cached answers against the database (gateway/store/versions.py): reads that ask at the
same moment ask in one query, and each still hears only about its own cases; the database answers
each case's version (on PostgreSQL as asyncpg's own prepared statement)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from sqlalchemy import select

from gateway.security.tokens import Role
from gateway.services import Services
from gateway.store import versions
from gateway.store.models import CaseRow
from gateway.store.versions import VersionBook
from tests.support.cases import local_people
from tests.support.client import SUBMIT, application_for
from tests.support.inprocess import gateway_in_process
from tests.support.postgres import fresh_database, postgres_url_or_skip

HELD = {"a": 3, "b": 5, "c": 1}


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    asked: list[list[str]] = []

    async def case_versions(_db: object, ids: Sequence[str]) -> dict[str, int]:
        asked.append(list(ids))
        await asyncio.sleep(0)  # a round trip to the database
        return {i: HELD[i] for i in ids if i in HELD}

    monkeypatch.setattr(versions, "case_versions", case_versions)
    return asked


async def test_reads_asking_at_once_ask_in_one_query_and_each_hears_its_own_cases(queries: list[list[str]]) -> None:
    book = VersionBook(db=None, authoritative=False)  # type: ignore[arg-type]
    asks = [["a"], ["b"], ["a", "c"], ["gone"], ["a"]] * 6
    answers = await asyncio.gather(*(book.current(ids) for ids in asks))
    assert queries == [["a", "b", "c", "gone"]]
    assert answers[:5] == [{"a": 3}, {"b": 5}, {"a": 3, "c": 1}, {}, {"a": 3}]


async def test_a_read_after_an_answer_asks_again_never_reusing_it(queries: list[list[str]]) -> None:
    book = VersionBook(db=None, authoritative=False)  # type: ignore[arg-type]
    assert await book.current(["a"]) == {"a": 3}
    HELD["a"] = 4
    try:
        assert await book.current(["a"]) == {"a": 4}  # another process changed it meanwhile
    finally:
        HELD["a"] = 3
    assert queries == [["a"], ["a"]]


@pytest.fixture(params=["sqlite", "postgres"])
async def stored(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[Services, dict[str, int]]]:
    async with AsyncExitStack() as stack:
        url = ""  # the embedded SQLite
        if request.param == "postgres":
            url = await stack.enter_async_context(fresh_database(postgres_url_or_skip()))
        gateway = await stack.enter_async_context(gateway_in_process(tmp_path, database_url=url, rate_limits=False))
        admin = gateway.token(Role.ADMIN, "ops")
        for person in local_people()[:3]:
            answer = (await gateway.graphql(SUBMIT, {"input": application_for(person)}, admin)).json()
            assert answer["data"]["submitApplication"]["case"]["id"], answer
        async with gateway.services.db.reading() as session:
            held = {row.id: row.version for row in await session.scalars(select(CaseRow))}
        yield gateway.services, held


async def test_the_database_answers_each_cases_version_and_nothing_for_an_unknown_one(
    stored: tuple[Services, dict[str, int]],
) -> None:
    services, held = stored
    ids = sorted(held)
    assert len(ids) == 3
    assert await versions.case_versions(services.db, [*ids, "no-such-case"]) == held
    assert await versions.case_versions(services.db, ids[:1]) == {ids[0]: held[ids[0]]}
    for _ in range(3):  # asked again on pooled connections (on PostgreSQL, a statement prepared once each)
        assert await versions.case_versions(services.db, ids[1:]) == {i: held[i] for i in ids[1:]}


STATUS = "query($id: ID!) { case(id: $id) { status version } }"
WITHDRAW = 'mutation($id: ID!) { withdrawApplication(caseId: $id, reason: "家属撤回申请") { errors { code } } }'


async def test_a_cached_answer_is_not_served_after_another_process_changed_the_case(tmp_path: Path) -> None:
    """Two gateways on one PostgreSQL database: the one that cached the answer asks the database
    for the case's version before reusing it, and hears of the other's change."""
    async with (
        fresh_database(postgres_url_or_skip()) as url,
        gateway_in_process(
            tmp_path, database_url=url, rate_limits=False
        ) as first,  # one data directory: one set of keys
        gateway_in_process(tmp_path, database_url=url, rate_limits=False) as second,
    ):
        person = local_people()[0]
        family = first.token(Role.APPLICANT, person["applicant"]["idNumber"])
        submitted = (await first.graphql(SUBMIT, {"input": application_for(person)}, family)).json()
        case_id = submitted["data"]["submitApplication"]["case"]["id"]
        before = [(await first.graphql(STATUS, {"id": case_id}, family)).json()["data"]["case"] for _ in range(2)]
        assert before[0] == before[1] and before[0]["status"] != "WITHDRAWN"
        withdrawn = (await second.graphql(WITHDRAW, {"id": case_id}, family)).json()
        assert withdrawn["data"]["withdrawApplication"]["errors"] == [], withdrawn
        after = (await first.graphql(STATUS, {"id": case_id}, family)).json()["data"]["case"]
        assert after["status"] == "WITHDRAWN" and after["version"] > before[0]["version"]
