"""Asking every agency at once what it holds on a person (数据共享), each within its own timeout."""

from __future__ import annotations

import asyncio

from adapters.contract import Records
from adapters.errors import AdapterError, AgencyUnavailable
from adapters.kinds import Agency
from gateway.agencies.endpoints import Endpoints

MARGIN_SECONDS = 0.25


async def records_of(endpoints: Endpoints, agency: Agency, id_number: str) -> Records | AdapterError:
    try:
        client = endpoints.for_agency(agency)
        async with asyncio.timeout(client.spec.TIMEOUT_SECONDS + MARGIN_SECONDS):
            return await client.records(id_number)
    except AdapterError as error:
        return error
    except TimeoutError:
        return AgencyUnavailable(agency, "查询超时 (timeout)")


async def gather_records(endpoints: Endpoints, id_number: str) -> dict[Agency, Records | AdapterError]:
    agencies = list(Agency)
    answers = await asyncio.gather(*(records_of(endpoints, a, id_number) for a in agencies))
    return dict(zip(agencies, answers, strict=True))
