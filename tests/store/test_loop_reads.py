"""On SQLite a status read's records come from the loop's own read connection
(gateway/store/inline_sqlite.py `LoopReads`): no pooled connection is borrowed for them, every
read sees the latest commit (the connection keeps no snapshot between reads), the connection
refuses writes, and the gateway's stop closes it."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import event

from gateway.dispatch.dispatcher import Dispatcher
from gateway.security.tokens import Role
from tests.support.agencies import agencies_in_process, in_process_urls
from tests.support.cases import local_people
from tests.support.client import SUBMIT, application_for
from tests.support.inprocess import InProcess, gateway_in_process

STATUS = "query($id: ID!) { case(id: $id) { version items { status } certificates { number } timeline { type } } }"


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[InProcess]:
    async with (
        agencies_in_process() as agencies,
        gateway_in_process(tmp_path, agencies=agencies, agency_base_urls=in_process_urls(), response_cache=False) as gw,
    ):
        yield gw


async def submitted(gateway: InProcess, token: str) -> str:
    answer = (await gateway.graphql(SUBMIT, {"input": application_for(local_people()[0])}, token)).json()
    case_id: str = answer["data"]["submitApplication"]["case"]["id"]
    return case_id


async def version_of(gateway: InProcess, case_id: str, token: str) -> int:
    answer = (await gateway.graphql(STATUS, {"id": case_id}, token)).json()
    assert "errors" not in answer, answer
    version: int = answer["data"]["case"]["version"]
    return version


async def test_a_status_read_borrows_no_pooled_connection_and_sees_every_commit(gateway: InProcess) -> None:
    db, admin = gateway.services.db, gateway.token(Role.ADMIN, "ops")
    assert db.reader is not None and db.loop_reads is not None
    case_id = await submitted(gateway, admin)
    borrowed: list[object] = []
    event.listen(db.reader.sync_engine.pool, "checkout", lambda *checked_out: borrowed.append(checked_out))
    before = await version_of(gateway, case_id, admin)
    assert borrowed == []
    await Dispatcher(gateway.services).drain(max_rounds=2)  # commits on the writers' connection
    borrowed.clear()  # the dispatcher's own reads borrow
    assert await version_of(gateway, case_id, admin) > before
    assert borrowed == []


async def test_the_loop_connection_refuses_writes(gateway: InProcess) -> None:
    loop_reads = gateway.services.db.loop_reads
    assert loop_reads is not None
    cursor = loop_reads.cursor()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        cursor.execute("DELETE FROM cases")
    cursor.close()


async def test_stopping_the_gateway_closes_the_loop_connection(tmp_path: Path) -> None:
    opened: list[sqlite3.Connection] = []
    async with gateway_in_process(tmp_path) as gateway:
        loop_reads = gateway.services.db.loop_reads
        assert loop_reads is not None
        loop_reads.on_connect.append(opened.append)
        loop_reads.close()
        loop_reads.cursor().close()
        assert len(opened) == 1
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        opened[0].execute("SELECT 1")
