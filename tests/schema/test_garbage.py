"""An executed operation leaves nothing for the cycle collector: what a request read (its context,
DataLoaders, records) is freed by reference counting as it ends, not gathered under load into one
long pause of the whole process (schema/lean_execution.py, `_helpers_of`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gateway.ids import to_global
from gateway.security.tokens import Role
from tests.schema.test_reads import ONE, PAGE
from tests.support.cases import local_people, submit_people
from tests.support.client import SUBMIT, application_for
from tests.support.inprocess import gateway_in_process

OURS = ("gateway.", "schema.", "strawberry.", "graphql.")  # the test's own client makes cycles of its own
STANDARD = "{ accessLog(first: 5) { action operation } }"  # not a lean read: graphql-core's own run


@contextmanager
def cyclic_garbage() -> Iterator[list[str]]:
    """The types of our objects that only the cycle collector could free, made inside the block."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    found: list[str] = []
    try:
        yield found
        gc.collect()
        found.extend(
            sorted(
                {
                    f"{type(o).__module__}.{type(o).__qualname__}"
                    for o in gc.garbage
                    if type(o).__module__.startswith(OURS)
                }
            )
        )
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


async def test_reads_and_a_mutation_leave_no_cycles_of_ours_behind(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path, response_cache=False, rate_limits=False) as gateway:
        case_id = to_global("Case", (await submit_people(gateway.services, 1))[0].id)
        admin = gateway.token(Role.ADMIN, "ops")
        person = local_people()[1]
        for warm_up in (True, False):  # the first time fills what lives as long as the process
            with cyclic_garbage() as left:
                one = (await gateway.graphql(ONE, {"id": case_id}, admin)).json()
                page = (await gateway.graphql(PAGE, {"first": 5}, admin)).json()
                standard = (await gateway.graphql(STANDARD, {}, admin)).json()
                submitted = (await gateway.graphql(SUBMIT, {"input": application_for(person)}, admin)).json()
            assert one["data"]["case"]["items"] and page["data"]["cases"]["edges"]
            assert standard["data"]["accessLog"], standard
            assert submitted["data"]["submitApplication"]
            if not warm_up:
                assert left == []
