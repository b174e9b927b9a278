"""`rebuild-documents` gives every case on file a current document, such as a change would write."""

from __future__ import annotations

from sqlalchemy import delete

from gateway.services import Services
from gateway.store.document_rebuild import rebuild_documents
from gateway.store.models import CaseDocumentRow
from tests.store.test_case_documents import document, from_rows


async def test_cases_on_file_without_documents_get_them_and_a_second_run_changes_nothing(
    handled: tuple[Services, list[str]],
) -> None:
    services, ids = handled
    async with services.db.engine.begin() as connection:  # as migration 0015 leaves the cases on file
        await connection.execute(delete(CaseDocumentRow))
    assert [await document(services, case_id) for case_id in ids] == [None] * len(ids)

    assert await rebuild_documents(services.db) == len(ids)
    for case_id in ids:
        assert await document(services, case_id) == await from_rows(services, case_id)
    assert await rebuild_documents(services.db) == len(ids)
    for case_id in ids:
        assert await document(services, case_id) == await from_rows(services, case_id)
