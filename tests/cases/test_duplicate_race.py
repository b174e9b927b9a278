"""Two first applications for one deceased sent at the same moment: exactly one becomes a case."""

from __future__ import annotations

import asyncio
from contextlib import nullcontext
from pathlib import Path

import pytest

from gateway.cases.applications import submit
from gateway.errors import Refused
from tests.support.cases import ADMIN, form_of, local_people
from tests.support.inprocess import gateway_in_process
from tests.support.postgres import fresh_database, postgres_url_or_skip

TRIES = 4


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_applications_sent_together_for_one_deceased_make_one_case(tmp_path: Path, backend: str) -> None:
    form = form_of(local_people()[0])
    async with (
        fresh_database(postgres_url_or_skip()) if backend == "postgres" else nullcontext("") as url,
        gateway_in_process(tmp_path, database_url=url) as gateway,  # "": the embedded SQLite
    ):
        answers = await asyncio.gather(
            *(submit(gateway.services, ADMIN, form, f"race-{n}") for n in range(TRIES)), return_exceptions=True
        )
    made = [a for a in answers if not isinstance(a, BaseException)]
    refused = [a for a in answers if isinstance(a, Refused)]
    assert len(made) == 1 and len(refused) == TRIES - 1, answers
    assert all(r.problems[0].code == "DUPLICATE_CASE" for r in refused)
