"""市场监管 (MARKET_REGULATION): heirs' query of the deceased's equity registrations. Flat
camelCase English in the style of the enterprise credit system (entName, uniscid, subConAm);
answered at once, with or without holdings found, and only to an heir: one the household register
does not show sends proof of the relationship among the `attachments`, or is refused (422)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.intake import Answer, desk, field_of, holder, show, take_once
from mocks.materials import unproved_heir
from mocks.people import Person, find
from mocks.reckoning import yuan
from mocks.world import Filing, World

AGENCY = "MARKET_REGULATION"
SLUG = "shijian"
KIND = "EQUITY_REGISTRATION_QUERY"


def _error(code: str, message: str) -> dict[str, Any]:
    return {"errorCode": code, "errorMsg": message}


def _holdings(person: Person) -> list[dict[str, Any]]:
    return [
        {"entName": s.company, "uniscid": s.credit_code, "subConAm": yuan(s.capital), "conProp": s.ratio}
        for s in person.shares
    ]


async def records(request: Request) -> Response:
    person = holder(AGENCY, request.path_params["certNo"])
    if person is None:
        return JSONResponse(_error("404", "未查询到股权登记信息"), status_code=404)
    return JSONResponse({"certNo": person.id_number, "name": person.name, "holdings": _holdings(person)})


def _decide(world: World, form: dict[str, Any]) -> Answer:
    id_number = form["certNo"]
    person = find(id_number)
    if person is None or not person.local:
        return Answer({"inquiryNo": None, "state": "NO_SUBJECT", "message": "非本区登记主体"}, KIND, id_number)
    if not form.get("deathCertNo"):
        return Answer(_error("400", "deathCertNo is required: 请先取得死亡证明"), KIND, id_number, 400)
    requester = form.get("requester") or {}
    if (unproved := unproved_heir(person.relatives, requester.get("certNo"), form.get("attachments"))) is not None:
        return Answer(_error("RELATIONSHIP_UNPROVED", unproved), KIND, id_number, 422)
    now = world.now()
    filing = Filing(AGENCY, KIND, world.reference("SJ", person.region), id_number, form, now, now)
    filing.extra["holdings"] = _holdings(person)
    world.file(filing)
    return Answer(render(filing, now), KIND, id_number)


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    holdings = filing.extra["holdings"]
    return {
        "inquiryNo": filing.reference,
        "state": "FINISHED",
        "queriedAt": filing.ready_at.isoformat(timespec="seconds"),
        "count": len(holdings),
        "holdings": holdings,
        "capitalUnit": "万元",
    }


async def submit(request: Request) -> Response:
    return await take_once(request, AGENCY, _decide, field_of("attachments"))


async def status(request: Request) -> Response:
    return show(request, AGENCY, render, _error("404", "inquiry not found"))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("GET", "/equity/holders/{certNo}", records),
        ("POST", "/equity/inquiries", submit),
        ("GET", "/equity/inquiries/{inquiryNo}", status),
    )
