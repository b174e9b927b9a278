"""退役军人事务 (VETERANS_AFFAIRS): pension and allowance settlement on death. Flat camelCase
English bodies, errors as {"error", "message"}; settled at once (201)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.intake import Answer, desk, holder, show, take_once
from mocks.people.regions import REGIONS
from mocks.reckoning import first_of_next_month
from mocks.world import Filing, World

AGENCY = "VETERANS_AFFAIRS"
SLUG = "tuiyi"
KIND = "VETERAN_BENEFIT_SETTLEMENT"


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": code, "message": message}


async def records(request: Request) -> Response:
    person = holder(AGENCY, request.path_params["idNumber"])
    if person is None:
        return JSONResponse(_error("NOT_FOUND", "未登记为退役军人或优抚对象"), status_code=404)
    return JSONResponse(
        {"idNumber": person.id_number, "name": person.name, "category": person.veteran, "status": "ACTIVE"}
    )


def _decide(world: World, form: dict[str, Any]) -> Answer:
    id_number = form["idNumber"]
    person = holder(AGENCY, id_number)
    if person is None:
        return Answer({"status": "NOT_ELIGIBLE", "message": "该人员不是退役军人或优抚对象"}, KIND, id_number)
    if not form.get("deathCertificateNo"):
        return Answer(_error("VALIDATION", "deathCertificateNo 不能为空：请先取得死亡证明"), KIND, id_number, 400)
    now = world.now()
    filing = Filing(AGENCY, KIND, world.reference("TY", person.region), id_number, form, now, now)
    city, county, _, _ = REGIONS[person.region]
    filing.extra.update(
        category=person.veteran,
        stopFrom=first_of_next_month(person.death_date).isoformat(),
        lastPaidMonth=f"{person.death_date:%Y-%m}",
        office=f"{city}{county}退役军人事务局",
    )
    world.file(filing)
    return Answer(render(filing, now), KIND, id_number, 201)


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    return {
        "settlementNo": filing.reference,
        "status": "DONE",
        "settledAt": filing.ready_at.isoformat(timespec="seconds"),
        "message": f"{filing.extra['category']}待遇自{filing.extra['stopFrom']}起停发，遗属可按规定申领遗属待遇",
    } | {key: filing.extra[key] for key in ("category", "stopFrom", "lastPaidMonth", "office")}


async def submit(request: Request) -> Response:
    return await take_once(request, AGENCY, _decide)


async def status(request: Request) -> Response:
    return show(request, AGENCY, render, _error("NOT_FOUND", "settlement not found"))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("GET", "/veterans/{idNumber}", records),
        ("POST", "/settlements", submit),
        ("GET", "/settlements/{settlementNo}", status),
    )
