"""How an imitation agency takes work in: its routes, its records and the idempotent submit."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.faults import Endpoint, guarded
from mocks.ledger import Entry
from mocks.materials import digests
from mocks.people import Person, find
from mocks.world import Filing, World


@dataclass(frozen=True)
class Answer:
    body: Any
    kind: str  # the gateway's ItemKind name the submission was for
    id_number: str
    status_code: int = 200


Decide = Callable[[World, dict[str, Any]], Answer]
Papers = Callable[[dict[str, Any]], Any]  # where in its form an agency reads the papers sent with it


def world_of(request: Request) -> World:
    return cast(World, request.state.world)


def holder(agency: str, id_number: str) -> Person | None:
    """The person, if this agency holds records on them."""
    person = find(id_number)
    return person if person is not None and agency in person.agencies() else None


def field_of(name: str) -> Papers:
    return lambda form: form.get(name)


async def take_once(request: Request, agency: str, decide: Decide, papers: Papers) -> Response:
    """Apply a submission once per `Idempotency-Key`; a repeat gets the first answer verbatim. The
    ledger notes which papers arrived whole, so a test sees what reached the agency."""
    world = world_of(request)
    try:
        form = await request.json()
    except ValueError:
        return JSONResponse({"error": "请求体不是有效的 JSON (body is not JSON)"}, status_code=400)
    key = request.headers.get("Idempotency-Key") or f"unkeyed-{uuid.uuid4().hex}"
    # no await between replay and record: two concurrent repeats cannot both apply
    entry = world.ledger.replay(key)
    if entry is None:
        try:
            answer = decide(world, form)
        except KeyError as missing:  # a form without the agency's required field: refused, not applied
            return JSONResponse({"error": f"缺少必填字段 {missing} (missing field)"}, status_code=400)
        entry = Entry(agency, answer.kind, answer.id_number, answer.status_code, answer.body)
        entry.papers = digests(papers(form))
        world.ledger.record(key, entry)
    return JSONResponse(entry.body, entry.status_code)


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def desk(agency: str, *endpoints: tuple[str, str, Endpoint]) -> list[Route]:
    """An agency's routes (plus /health), each behind the faults staged for that agency."""
    routes = [Route("/health", guarded(agency, health), methods=["GET"])]
    routes += [Route(path, guarded(agency, endpoint), methods=[method]) for method, path, endpoint in endpoints]
    return routes


Render = Callable[[Filing, datetime], Any]


def show(request: Request, agency: str, render: Render, missing: Any) -> Response:
    """The status endpoint every agency has: its filing by reference, or its own 404 body."""
    world = world_of(request)
    reference = next(iter(request.path_params.values()), "")
    filing = world.filing(reference, agency)
    if filing is None:
        return JSONResponse(missing, status_code=404)
    return JSONResponse(render(filing, world.now()))


def outcome_of(render: Render) -> Callable[[Filing], dict[str, Any]]:
    """The call-back's ItemOutcomeInput: the same body the status endpoint gives once done."""

    def outcome(filing: Filing) -> dict[str, Any]:
        if filing.rejection:
            return {"rejectionReason": filing.rejection, "agencyReference": filing.reference}
        return {"completed": True, "agencyReference": filing.reference, "result": render(filing, filing.ready_at)}

    return outcome


def certificate_number(prefix: str, reference: str) -> str:
    return prefix + "".join(reference.split("-")[1:])
