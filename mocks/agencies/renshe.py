"""人力资源社会保障 (HRSS): benefit stops and claims. Envelope {"retCode","retMsg","body"}; person
fields use the 金保工程 codes (aac002 身份号码, aac003 姓名, aac004 性别).

Accept-then-call-back: the bureau reports to the gateway when done; its status endpoint answers too.
A claim paid to an account not in the applicant's name is refused when the work is done, and so is
one from an heir the household register does not show without proof of the relationship among the
附件 (fjxx).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.intake import Answer, desk, field_of, holder, outcome_of, show, take_once
from mocks.materials import unproved_heir
from mocks.people import Person
from mocks.reckoning import (
    FUNERAL_GRANT,
    MONTHLY_INCOME_BASE,
    first_of_next_month,
    pension_refund,
    survivor_benefit,
    yuan,
)
from mocks.world import Filing, World

AGENCY = "HRSS"
SLUG = "renshe"
KINDS = {
    "DYZT": "SOCIAL_INSURANCE_SUSPENSION",
    "GRZHTF": "PENSION_ACCOUNT_REFUND",
    "SZBZ": "FUNERAL_GRANT",
    "YSDY": "SURVIVOR_BENEFIT",
    "SYDYTZ": "UNEMPLOYMENT_BENEFIT_STOP",
}
CLAIMS = ("GRZHTF", "SZBZ", "YSDY")


def _answer(body: Any = None, code: str = "0", message: str = "成功") -> dict[str, Any]:
    return {"retCode": code, "retMsg": message, "body": body}


async def records(request: Request) -> Response:
    person = holder(AGENCY, request.path_params["aac002"])
    if person is None or person.pension is None:
        return JSONResponse(_answer(code="404", message="未查询到参保信息"), status_code=404)
    pension = person.pension
    return JSONResponse(
        _answer(
            {
                "aac002": person.id_number,
                "aac003": person.name,
                "aac004": "1" if person.gender == "男" else "2",
                "aac008": "1",  # 参保缴费 (insured)
                "ltxbz": "1" if pension.monthly else "0",
                "grzhye": yuan(pension.balance),
                "yljyfje": yuan(pension.monthly) if pension.monthly else None,
                "ysbz": "1" if person.survivor_months else "0",
                "syjbz": "1" if person.unemployment else "0",
            }
        )
    )


def _applies(person: Person, code: str) -> bool:
    return {
        "DYZT": person.draws_benefits,
        "GRZHTF": person.pension is not None,
        "SZBZ": person.insured,
        "YSDY": person.survivor_months is not None,
        "SYDYTZ": person.unemployment is not None,
    }[code]


def _rejection(person: Person, code: str, form: dict[str, Any]) -> str | None:
    account = form.get("skzh") or {}
    if code not in CLAIMS:
        return None
    if (unproved := unproved_heir(person.relatives, form["sqr"].get("aac002"), form.get("fjxx"))) is not None:
        return unproved
    if not account.get("zh"):
        return "未提供收款银行账户，请补充申请人本人名下的银行账户后重新提交"
    if account.get("hm") != form["sqr"]["aac003"]:
        return (
            f"收款账户户名（{account.get('hm')}）与申请人姓名（{form['sqr']['aac003']}）不一致，"
            "请提供申请人本人名下的银行账户后重新提交"
        )
    return None


def _decide(world: World, form: dict[str, Any]) -> Answer:
    code, id_number = form["ywlx"], form["aac002"]
    person = holder(AGENCY, id_number)
    if person is None or not _applies(person, code):
        return Answer(_answer(code="2004", message="该人员无此项社会保险待遇"), KINDS[code], id_number)
    if not form.get("swzmbh"):
        return Answer(_answer(code="4001", message="缺少死亡证明编号，请先取得死亡证明"), KINDS[code], id_number, 400)
    now = world.now()
    reference = world.reference("RS", person.region)
    filing = Filing(AGENCY, KINDS[code], reference, id_number, form, now, now + world.work_time(), form.get("wbywid"))
    filing.callback_url = form.get("hdurl")
    filing.rejection = _rejection(person, code, form)
    filing.extra["result"] = _result(person, code)
    world.file(filing)
    world.call_back_when_done(filing, outcome_of(render))
    remaining = round((filing.ready_at - now).total_seconds(), 2)
    accepted = {"ywlsh": reference, "blzt": "01", "yjhs": remaining}
    return Answer(_answer(accepted, message="已受理"), filing.kind, id_number)


def _result(person: Person, code: str) -> dict[str, Any]:
    stop_from = first_of_next_month(person.death_date).isoformat()
    if code in ("DYZT", "SYDYTZ"):
        return {"ztrq": stop_from, "ztyy": "死亡"}
    if code == "SZBZ":
        return {"sfje": yuan(FUNERAL_GRANT), "jsjs": yuan(MONTHLY_INCOME_BASE), "jsys": 2}
    if code == "YSDY":
        months = person.survivor_months or 0
        return {"sfje": yuan(survivor_benefit(months)), "jsjs": yuan(MONTHLY_INCOME_BASE), "jsys": months}
    assert person.pension is not None
    pension = person.pension
    refund = pension_refund(pension.balance, pension.monthly, pension.paid_through, person.death_date)
    return {
        "zhye": yuan(refund["balance"]),
        "dkje": yuan(refund["deduction"]),
        "bfje": yuan(refund["owed"]),
        "sfje": yuan(refund["amount"]),
    }


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    head = {"ywlsh": filing.reference, "ywlx": filing.form["ywlx"], "aac002": filing.id_number}
    if not filing.done(now):
        return _answer(head | {"blzt": "01", "blztmc": "已受理"})
    if filing.rejection:
        return _answer(head | {"blzt": "03", "blztmc": "不予办理", "thyy": filing.rejection})
    done = head | {"blzt": "02", "blztmc": "已办结", "bjsj": filing.ready_at.isoformat(timespec="seconds")}
    return _answer(done | {"jg": filing.extra["result"]})


async def submit(request: Request) -> Response:
    return await take_once(request, AGENCY, _decide, field_of("fjxx"))


async def status(request: Request) -> Response:
    return show(request, AGENCY, render, _answer(code="404", message="业务流水号不存在"))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("GET", "/si/v1/persons/{aac002}", records),
        ("POST", "/si/v1/applications", submit),
        ("GET", "/si/v1/applications/{ywlsh}", status),
    )
