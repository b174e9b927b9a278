"""退役军人事务 (VETERANS_AFFAIRS): pension and allowance settlement on death. Flat camelCase
English bodies, errors as {"error", "message"}; settled at once (201).

Benefits stop from the month after the death. A disabled veteran dying of illness leaves the family
a funeral allowance of 12 months of the disability pension (军人抚恤优待条例, 2024 revision: "因病
死亡的…增发12个月的残疾抚恤金，作为丧葬补助费"), paid to the family's account — to the applicant's
own account only, as every paying agency here insists. The papers come as `documents`: an heir the
household register does not show proves the relationship there; the deceased's 优待证 and like
cards are handed in there too, and a settlement never waits for them (documentsReturned says).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.intake import Answer, desk, field_of, holder, show, take_once
from mocks.materials import handed_in, unproved_heir
from mocks.people import Person
from mocks.people.regions import REGIONS
from mocks.reckoning import first_of_next_month, yuan
from mocks.world import Filing, World

AGENCY = "VETERANS_AFFAIRS"
SLUG = "tuiyi"
KIND = "VETERAN_BENEFIT_SETTLEMENT"
FUNERAL_ALLOWANCE_MONTHS = 12


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
    papers = form.get("documents")
    if (unproved := unproved_heir(person.relatives, (form.get("applicant") or {}).get("idNumber"), papers)) is not None:
        return Answer(_error("RELATIONSHIP_UNPROVED", unproved), KIND, id_number, 422)
    allowance = _funeral_allowance(person)
    payee = form.get("payee") or {}
    if allowance is not None and payee and payee.get("accountName") != (form.get("applicant") or {}).get("name"):
        message = "丧葬补助费须发放至申请人本人名下账户，请改用申请人本人账户后重新提交"
        return Answer(_error("PAYEE_MISMATCH", message), KIND, id_number, 422)
    now = world.now()
    filing = Filing(AGENCY, KIND, world.reference("TY", person.region), id_number, form, now, now)
    city, county, _, _ = REGIONS[person.region]
    filing.extra.update(
        category=person.veteran,
        stopFrom=first_of_next_month(person.death_date).isoformat(),
        lastPaidMonth=f"{person.death_date:%Y-%m}",
        office=f"{city}{county}退役军人事务局",
        funeralAllowance=yuan(allowance) if allowance is not None else None,
        paidTo=payee.get("bankName") if allowance is not None and payee else None,
        documentsReturned=handed_in(papers, "VETERAN_DOCUMENTS"),
    )
    world.file(filing)
    return Answer(render(filing, now), KIND, id_number, 201)


def _funeral_allowance(person: Person) -> Decimal | None:
    monthly = person.veteran_disability_pension
    return None if monthly is None else monthly * FUNERAL_ALLOWANCE_MONTHS


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    extra = filing.extra
    message = f"{extra['category']}待遇自{extra['stopFrom']}起停发，遗属可按规定申领遗属待遇"
    if extra["funeralAllowance"] and extra["paidTo"]:
        message += f"；增发12个月残疾抚恤金作为丧葬补助费 {extra['funeralAllowance']} 元，已发放至{extra['paidTo']}"
    elif extra["funeralAllowance"]:
        message += f"；可领丧葬补助费 {extra['funeralAllowance']} 元，请携收款账户到{extra['office']}办理"
    message += "；优待证等证件已收回" if extra["documentsReturned"] else "；优待证等证件未交回，已注销作废"
    fields = ("category", "stopFrom", "lastPaidMonth", "office", "funeralAllowance", "paidTo", "documentsReturned")
    head = {"settlementNo": filing.reference, "status": "DONE", "message": message}
    return head | {"settledAt": filing.ready_at.isoformat(timespec="seconds")} | {k: extra[k] for k in fields}


async def submit(request: Request) -> Response:
    return await take_once(request, AGENCY, _decide, field_of("documents"))


async def status(request: Request) -> Response:
    return show(request, AGENCY, render, _error("NOT_FOUND", "settlement not found"))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("GET", "/veterans/{idNumber}", records),
        ("POST", "/settlements", submit),
        ("GET", "/settlements/{settlementNo}", status),
    )
