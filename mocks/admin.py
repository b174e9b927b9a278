"""The admin API tests and operators use: faults, the ledger, the SMS outbox, traffic and traces, tokens, reset
and the population."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.faults import Fault
from mocks.intake import world_of
from mocks.people import as_json, population

AGENCIES = (
    "HEALTH",
    "PUBLIC_SECURITY",
    "CIVIL_AFFAIRS",
    "HRSS",
    "MEDICAL_SECURITY",
    "HOUSING_FUND",
    "VETERANS_AFFAIRS",
    "DISABLED_PERSONS_FEDERATION",
    "JUSTICE",
    "MARKET_REGULATION",
    "FINANCIAL_REGULATION",
)


FAULTABLE = (*AGENCIES, "SMS")  # the agencies, and the SMS gateway the notices go through


def _unknown_agency(agency: str) -> Response:
    return JSONResponse({"error": f"unknown agency {agency}; one of {', '.join(FAULTABLE)}"}, status_code=404)


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def people(request: Request) -> Response:
    return JSONResponse([as_json(person) for person in population()])


async def list_faults(request: Request) -> Response:
    return JSONResponse(world_of(request).faults.as_json())


async def put_fault(request: Request) -> Response:
    agency = request.path_params["agency"]
    if agency not in FAULTABLE:
        return _unknown_agency(agency)
    try:
        fault = Fault.from_json(await request.json())
    except (ValueError, TypeError) as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    world_of(request).faults.set(agency, fault)
    return JSONResponse({agency: fault.as_json()})


async def clear_fault(request: Request) -> Response:
    agency = request.path_params["agency"]
    if agency not in FAULTABLE:
        return _unknown_agency(agency)
    world_of(request).faults.clear(agency)
    return Response(status_code=204)


async def ledger(request: Request) -> Response:
    return JSONResponse(world_of(request).ledger.as_json())


async def sms(request: Request) -> Response:
    """The SMS gateway's outbox: each message once, with how many requests asked for it."""
    return JSONResponse(world_of(request).sms.as_json())


async def requests(request: Request) -> Response:
    return JSONResponse(world_of(request).traffic.as_json())


async def traces(request: Request) -> Response:
    return JSONResponse(world_of(request).traffic.traces_as_json())


async def callbacks(request: Request) -> Response:
    return JSONResponse(world_of(request).callbacks.as_json())


async def set_tokens(request: Request) -> Response:
    tokens = await request.json()
    if not isinstance(tokens, dict):
        return JSONResponse({"error": "expected {agency: token}"}, status_code=400)
    unknown = set(tokens) - set(AGENCIES)
    if unknown or not all(isinstance(token, str) for token in tokens.values()):
        return JSONResponse({"error": f"expected {{agency: token}}; unknown: {sorted(unknown)}"}, status_code=400)
    world_of(request).tokens.update(tokens)
    return JSONResponse({"agencies": sorted(world_of(request).tokens)})


async def reset(request: Request) -> Response:
    world_of(request).reset()
    return Response(status_code=204)


def routes() -> list[Route]:
    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/people", people, methods=["GET"]),
        Route("/admin/faults", list_faults, methods=["GET"]),
        Route("/admin/faults/{agency}", put_fault, methods=["PUT"]),
        Route("/admin/faults/{agency}", clear_fault, methods=["DELETE"]),
        Route("/admin/ledger", ledger, methods=["GET"]),
        Route("/admin/sms", sms, methods=["GET"]),
        Route("/admin/requests", requests, methods=["GET"]),
        Route("/admin/traces", traces, methods=["GET"]),
        Route("/admin/callbacks", callbacks, methods=["GET"]),
        Route("/admin/tokens", set_tokens, methods=["POST"]),
        Route("/admin/reset", reset, methods=["POST"]),
    ]
