"""What of a visible case an agency sees (security/policy.py own_items, own_events): its own part only."""

from adapters.kinds import Agency, ItemKind
from gateway.domain.catalogue import definition
from gateway.security.policy import own_events, own_items
from gateway.security.tokens import Principal, Role
from gateway.store.models import EventRow, ItemRow

HRSS = Principal(Role.AGENCY, "hrss-system", agency=Agency.HRSS)
CLERK = Principal(Role.CLERK, "clerk-1", region="6401")
PENSION, DEATH = ItemKind.PENSION_ACCOUNT_REFUND, ItemKind.MEDICAL_DEATH_CERTIFICATE


def _item(kind: ItemKind) -> ItemRow:
    return ItemRow(kind=kind.value, agency=definition(kind).agency.value)


def _event(kind: ItemKind | None) -> EventRow:
    return EventRow(type="NOTE", item_kind=kind.value if kind else None)


def test_an_agency_sees_only_its_own_items_of_a_case() -> None:
    items = [_item(PENSION), _item(DEATH)]
    assert [i.kind for i in own_items(HRSS, items)] == [PENSION.value]


def test_staff_and_families_see_every_item_of_a_case_they_may_see() -> None:
    items = [_item(PENSION), _item(DEATH)]
    assert own_items(CLERK, items) == items
    assert own_items(None, items) == items


def test_an_agency_sees_only_timeline_entries_about_its_own_items() -> None:
    events = [_event(PENSION), _event(DEATH), _event(None)]
    assert [e.item_kind for e in own_events(HRSS, events)] == [PENSION.value]
    assert own_events(CLERK, events) == events
