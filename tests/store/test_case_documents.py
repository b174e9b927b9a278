"""A case's document (gateway/store/case_documents.py) holds what its rows hold, is rewritten in
every transaction that changes them, and is read only while it is current, in this code's shape,
and sealed to its own case: otherwise the case is read from its rows."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from gateway.cases import reads
from gateway.cases.timeline import touch
from gateway.ids import to_global
from gateway.security.crypto import SealError
from gateway.security.tokens import Role
from gateway.services import Services
from gateway.store import case_documents, queries
from gateway.store.case_documents import CaseDocument
from gateway.store.models import CaseDocumentRow, CaseRow, ItemRow
from tests.support.cases import submit_people
from tests.support.inprocess import gateway_in_process


async def from_rows(services: Services, case_id: str) -> CaseDocument:
    ids = [case_id]
    async with services.db.record_reader() as reader:
        case = (await queries.cases_by_ids(reader, ids))[case_id]
        items = (await queries.items_by_case_ids(reader, ids)).get(case_id, [])
        certificates = (await queries.certificates_by_case_ids(reader, ids)).get(case_id, [])
        events = (await queries.events_by_case_ids(reader, ids)).get(case_id, [])
    return CaseDocument(case, items, certificates, events)


async def document(services: Services, case_id: str) -> CaseDocument | None:
    async with services.db.record_reader() as reader:
        return await case_documents.read(reader, services.db.keyring, case_id)


async def test_a_case_read_from_its_document_equals_its_rows(handled: tuple[Services, list[str]]) -> None:
    services, ids = handled
    for case_id in ids:
        expected = await from_rows(services, case_id)
        assert expected.items and expected.events
        assert await document(services, case_id) == expected
    assert any(i.result_amount is not None or i.result_data for i in (await from_rows(services, ids[0])).items)


async def test_a_change_the_flush_wrote_rewrites_the_document_though_nothing_touched_the_case(
    handled: tuple[Services, list[str]],
) -> None:
    services, ids = handled
    async with services.db.writing() as session:
        item = await session.scalar(select(ItemRow).where(ItemRow.case_id == ids[0]).limit(1))
        assert item is not None
        item.result_summary = "更正"  # no `touch`: the version stays
    found = await document(services, ids[0])
    assert found is not None and found == await from_rows(services, ids[0])
    assert "更正" in [i.result_summary for i in found.items]


async def test_a_document_older_than_its_case_or_of_another_shape_is_not_read(
    handled: tuple[Services, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    services, ids = handled
    async with services.db.engine.begin() as connection:  # as a write that bypassed the documents would
        await connection.execute(update(CaseRow).where(CaseRow.id == ids[0]).values(version=CaseRow.version + 1))
    assert await document(services, ids[0]) is None
    assert (await reads.cases(services.db, [ids[0]]))[0] == (await from_rows(services, ids[0])).case

    assert await document(services, ids[1]) is not None
    monkeypatch.setattr(case_documents, "SHAPE", "another")
    assert await document(services, ids[1]) is None


async def test_a_document_moved_to_another_case_does_not_open(handled: tuple[Services, list[str]]) -> None:
    services, ids = handled
    async with services.db.engine.begin() as connection:
        body = await connection.scalar(select(CaseDocumentRow.body).where(CaseDocumentRow.case_id == ids[0]))
        await connection.execute(update(CaseDocumentRow).where(CaseDocumentRow.case_id == ids[1]).values(body=body))
    with pytest.raises(SealError):
        await document(services, ids[1])


async def test_values_json_has_no_type_for_come_back_exactly(handled: tuple[Services, list[str]]) -> None:
    services, ids = handled
    plain = await from_rows(services, ids[0])
    assert case_documents.encoded(plain)[:1] == b"o"  # orjson both ways
    odd = {"big": 2**70, "small": -(2**64), "nan": math.nan, "x": 0.1, "text": "骨灰", "lone": "\ud800"}
    changed = plain._replace(items=[plain.items[0]._replace(result_data=odd), *plain.items[1:]])
    body = case_documents.encoded(changed)
    assert body[:1] == b"j"  # orjson cannot write 2**70 or a lone surrogate, and would write NaN as null
    back = case_documents.decoded(body)
    assert back is not None and back.items[1:] == changed.items[1:]
    data = back.items[0].result_data
    assert data is not None and math.isnan(data.pop("nan")) and type(data["big"]) is int
    assert data == {k: v for k, v in odd.items() if k != "nan"}


async def test_a_status_read_of_one_case_reads_its_document_alone(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path, response_cache=False) as gateway:
        (case,) = await submit_people(gateway.services, 1)
        query = "query($id: ID!) { case(id: $id) { status items { kind } certificates { number } timeline { type } } }"
        admin, variables = gateway.token(Role.ADMIN, "ops"), {"id": to_global("Case", case.id)}
        before = (await gateway.graphql(query, variables, admin)).json()
        async with gateway.services.db.writing() as session:
            row = await session.get(CaseRow, case.seq)
            assert row is not None
            touch(session, row, gateway.services.clock())
        gateway.statements.clear()
        after = (await gateway.graphql(query, variables, admin)).json()
    assert after == before and after["data"]["case"]["items"]
    read = [s for s in gateway.statements if s.lstrip().upper().startswith("SELECT")]
    assert len(read) == 1 and "case_documents" in read[0]


async def test_a_document_that_cannot_be_written_is_removed_and_the_change_still_commits(
    handled: tuple[Services, list[str]], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    services, ids = handled

    def broken(_document: CaseDocument) -> bytes:
        raise ValueError("a fault of ours")

    monkeypatch.setattr(case_documents, "encoded", broken)
    async with services.db.writing() as session:
        item = await session.scalar(select(ItemRow).where(ItemRow.case_id == ids[0]).limit(1))
        assert item is not None
        item.result_summary = "照常保存"
    assert await document(services, ids[0]) is None
    assert "照常保存" in [i.result_summary for i in (await from_rows(services, ids[0])).items]
    assert "its document could not be written" in caplog.text


async def test_the_documents_read_in_one_turn_are_asked_in_one_statement_on_postgresql(
    handled: tuple[Services, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    services, ids = handled
    asked: list[list[str]] = []
    real = case_documents.sealed

    async def counted(connection: Any, wanted: Sequence[str]) -> dict[str, tuple[int, bytes]]:
        asked.append(list(wanted))
        return await real(connection, wanted)

    monkeypatch.setattr(case_documents, "sealed", counted)
    read = await asyncio.gather(*(services.db.documents.read(i) for i in [*ids, ids[0]]))
    assert read == [await from_rows(services, i) for i in [*ids, ids[0]]]
    sqlite = services.db.loop_reads is not None  # SQLite: each at once on the loop's own connection
    assert asked == ([] if sqlite else [sorted(ids)])
