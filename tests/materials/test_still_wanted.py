"""Papers are asked for only while an item that needs them is still to be done: a cancellation
that completed without the card handed back (the card was voided) asks for it no more."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from adapters.kinds import ItemKind, MaterialKind
from gateway.cases.materials import missing
from gateway.domain.catalogue import definition
from gateway.store.models import ItemRow
from gateway.store.records import ItemRecord

CASE = SimpleNamespace(requested_materials=None, relationship_on_register=True)
NOW = datetime(2026, 12, 5, tzinfo=UTC)


def item(kind: ItemKind, status: str) -> ItemRecord:
    row = ItemRow(id=kind.value, case_id="c", kind=kind.value, agency=definition(kind).agency.value, status=status,
                  generation=0, deadline_estimated=False, attempts=0, updated_at=NOW)  # fmt: skip
    return ItemRecord.of(row)


def test_a_completed_or_inapplicable_item_asks_for_no_paper_and_an_open_or_refused_one_does() -> None:
    card, grave = MaterialKind.DECEASED_ID_CARD_RETURN, MaterialKind.GRAVE_CONTRACT
    for status, wanted in (("COMPLETED", False), ("NOT_APPLICABLE", False), ("WAITING", True), ("REJECTED", True)):
        items = [item(ItemKind.HUKOU_CANCELLATION, status), item(ItemKind.GRAVE_USE_CERTIFICATE, "REJECTED")]
        still = missing(CASE, items, [])  # type: ignore[arg-type]
        assert (card in still, grave in still) == (wanted, True), status
