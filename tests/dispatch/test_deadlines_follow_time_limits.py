"""An item sent to its agency gets the deadline of the same limits the catalogue shows."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from adapters.kinds import ItemKind
from gateway.dispatch.dispatcher import Dispatcher
from gateway.domain.deadlines import add_working_days
from gateway.domain.time_limits import PLAN_LIMITS
from gateway.security.tokens import Role
from gateway.store.models import ItemRow
from tests.faults.flow import ordinary
from tests.support.agencies import agencies_in_process, in_process_urls
from tests.support.cases import local_people
from tests.support.client import SUBMIT, application_for
from tests.support.inprocess import gateway_in_process

NOW = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)  # Friday 10:00 in China
OPERATOR_DAYS = 7


async def test_dispatched_items_are_due_by_the_operators_limits_and_the_plans(tmp_path: Path) -> None:
    limits = tmp_path / "time-limits.json"
    limits.write_text(json.dumps({k.value: OPERATOR_DAYS for k in ItemKind if k not in PLAN_LIMITS}))
    urls = in_process_urls()
    person = ordinary(local_people())[0]
    async with (
        agencies_in_process() as agencies,
        gateway_in_process(
            tmp_path, clock=lambda: NOW, agencies=agencies, agency_base_urls=urls, time_limits_file=limits
        ) as gateway,
    ):
        answer = await gateway.graphql(SUBMIT, {"input": application_for(person)}, gateway.token(Role.ADMIN, "ops"))
        assert answer.json()["data"]["submitApplication"]["errors"] == []
        await Dispatcher(gateway.services).drain(max_rounds=6)
        async with gateway.services.db.reading() as session:
            items = (await session.scalars(select(ItemRow).where(ItemRow.deadline.is_not(None)))).all()

    due = {ItemKind(i.kind): i.deadline for i in items}
    today = date(2026, 12, 4)
    assert ItemKind.HUKOU_CANCELLATION in due and len(due) > 2
    for kind, deadline in due.items():
        days = PLAN_LIMITS[kind].days if kind in PLAN_LIMITS else OPERATOR_DAYS
        assert deadline == add_working_days(today, days).due, kind
