"""Cases that went through the real dispatcher and mocks, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from gateway.dispatch.dispatcher import Dispatcher
from gateway.ids import from_global
from gateway.security.tokens import Role
from gateway.services import Services
from tests.support.agencies import agencies_in_process, in_process_urls
from tests.support.cases import local_people
from tests.support.client import SUBMIT, application_for
from tests.support.inprocess import gateway_in_process
from tests.support.postgres import fresh_database, postgres_url_or_skip


@pytest.fixture(params=["sqlite", "postgres"])
async def handled(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[Services, list[str]]]:
    async with AsyncExitStack() as stack:
        url = ""  # the embedded SQLite
        if request.param == "postgres":
            url = await stack.enter_async_context(fresh_database(postgres_url_or_skip()))
        agencies = await stack.enter_async_context(agencies_in_process())
        gateway = await stack.enter_async_context(
            gateway_in_process(tmp_path, agencies=agencies, agency_base_urls=in_process_urls(), database_url=url)
        )
        admin = gateway.token(Role.ADMIN, "ops")
        ids = []
        for person in local_people()[:3]:
            answer = (await gateway.graphql(SUBMIT, {"input": application_for(person)}, admin)).json()
            found = from_global(answer["data"]["submitApplication"]["case"]["id"], "Case")
            assert found is not None
            ids.append(found[1])
        await Dispatcher(gateway.services).drain(max_rounds=4)
        yield gateway.services, ids
