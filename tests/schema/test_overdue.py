"""Deadlines and `overdue` as a family and a clerk see them, by the Chinese working-day calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from gateway.ids import to_global
from gateway.security.tokens import Role
from gateway.store.models import ItemRow
from tests.support.cases import submit_people
from tests.support.inprocess import InProcess, gateway_in_process

ITEMS = "query($id: ID!) { case(id: $id) { items { kind deadline overdue } } }"
OVERDUE = "{ cases(filter: {overdueOnly: true}) { totalCount } }"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def _hukou_dispatched(gateway: InProcess, due: date) -> str:
    (case,) = await submit_people(gateway.services, 1)
    async with gateway.services.db.writing() as session:
        query = select(ItemRow).where(ItemRow.case_id == case.id, ItemRow.kind == "HUKOU_CANCELLATION")
        item = (await session.scalars(query)).one()
        item.status, item.deadline = "DISPATCHED", due
    return case.id


async def overdue_of(gateway: InProcess, case_id: str) -> bool:
    admin = gateway.token(Role.ADMIN, "ops")
    items = (await gateway.graphql(ITEMS, {"id": to_global("Case", case_id)}, admin)).json()["data"]["case"]["items"]
    return bool(next(i["overdue"] for i in items if i["kind"] == "HUKOU_CANCELLATION"))


async def test_an_unanswered_item_is_overdue_after_its_deadline_and_the_filter_finds_it(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 12, 4, 15, 30, tzinfo=UTC))  # 23:30 in China on the due day: not yet late
    async with gateway_in_process(tmp_path, clock=clock) as gateway:
        case_id = await _hukou_dispatched(gateway, date(2026, 12, 4))
        assert await overdue_of(gateway, case_id) is False
        clock.now = datetime(2026, 12, 4, 16, 30, tzinfo=UTC)  # 00:30 the next day in China: late
        assert await overdue_of(gateway, case_id) is True
        admin = gateway.token(Role.ADMIN, "ops")
        assert (await gateway.graphql(OVERDUE, token=admin)).json()["data"]["cases"]["totalCount"] == 1
