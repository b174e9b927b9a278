"""Fault injection per agency, set through the admin API so tests can stage outages.

A fault is applied around an agency endpoint (`guarded`): outage and rate limit answer before the
agency sees the call; `slowSeconds` takes the request in, then stalls, so the agency still acts on a
call its caller gave up on; `malformed` garbles the answer after the agency has acted on it, as a
broken proxy would. Either way a retry with the same idempotency key must not apply the work twice.
Every call is counted (`Traffic`), refused or not, so tests can tell how hard an agency was hit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class Fault:
    # field names are the admin API's JSON names, so a PUT body maps straight onto them
    outage: bool = False
    failureRate: float = 0.0
    slowSeconds: float = 0.0
    rateLimit: bool = False
    retryAfter: int = 1
    malformed: bool = False
    duplicateCallback: bool = False

    @classmethod
    def from_json(cls, body: Mapping[str, Any]) -> Fault:
        unknown = set(body) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        fault = cls(**body)
        if not 0.0 <= float(fault.failureRate) <= 1.0:
            raise ValueError("failureRate must be between 0 and 1")
        return fault

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class FaultBoard:
    def __init__(self) -> None:
        self._faults: dict[str, Fault] = {}

    def of(self, agency: str) -> Fault:
        return self._faults.get(agency, Fault())

    def set(self, agency: str, fault: Fault) -> None:
        self._faults[agency] = fault

    def clear(self, agency: str | None = None) -> None:
        if agency is None:
            self._faults.clear()
        else:
            self._faults.pop(agency, None)

    def as_json(self) -> dict[str, Any]:
        return {agency: fault.as_json() for agency, fault in self._faults.items()}


def _unavailable() -> Response:
    return JSONResponse({"error": "service unavailable"}, status_code=503)


async def _before(request: Request, agency: str) -> Response | None:
    world = request.state.world
    fault: Fault = world.faults.of(agency)
    await asyncio.sleep(world.latency())
    if fault.outage:
        return _unavailable()
    if fault.rateLimit:
        headers = {"Retry-After": str(fault.retryAfter)}
        return JSONResponse({"error": "too many requests"}, status_code=429, headers=headers)
    if fault.failureRate and world.rng.random() < fault.failureRate:
        return _unavailable()
    if fault.slowSeconds:
        await request.body()  # taken in before the stall: the work is done even if the caller hangs up
        await asyncio.sleep(fault.slowSeconds)  # real seconds: tests use it to trip timeouts
    return None


def guarded(agency: str, endpoint: Endpoint) -> Endpoint:
    async def endpoint_with_faults(request: Request) -> Response:
        headers = request.headers
        request.state.world.traffic.count(agency, headers.get("Idempotency-Key"), headers.get("traceparent"))
        refusal = await _before(request, agency)
        if refusal is not None:
            return refusal
        response = await endpoint(request)
        if request.state.world.faults.of(agency).malformed:
            return Response(bytes(response.body)[: max(1, len(response.body) // 2)], media_type="application/json")
        return response

    return endpoint_with_faults
