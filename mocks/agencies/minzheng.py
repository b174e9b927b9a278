"""民政 (CIVIL_AFFAIRS): 火化证, 墓位使用证, 安葬证明 and the ends of assistance and subsidies.

Envelope {"success","errCode","errMsg","data"}, pinyin fields; every matter is accepted for review
and finished later (accept-then-poll). The papers come as 材料列表 (cllb): a grave-use certificate
needs the cemetery's contract, a burial certificate the statement of where the burial is; without
it the matter is refused (errCode CLBQ, 材料不全) and the same application with it goes through.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.certificates import verification_code
from mocks.intake import Answer, certificate_number, desk, field_of, holder, show, take_once
from mocks.materials import lacking
from mocks.people import Person
from mocks.people.regions import REGIONS
from mocks.reckoning import first_of_next_month, yuan
from mocks.world import Filing, World

AGENCY = "CIVIL_AFFAIRS"
SLUG = "minzheng"
KINDS = {
    "HHZ": "CREMATION_CERTIFICATE",
    "MWSYZ": "GRAVE_USE_CERTIFICATE",
    "AZZM": "BURIAL_CERTIFICATE",
    "SHJZZZ": "SOCIAL_ASSISTANCE_TERMINATION",
    "LNBTZZ": "ELDERLY_SUBSIDY_TERMINATION",
    "CJBTZZ": "DISABILITY_SUBSIDY_TERMINATION",
}
CERTIFICATES = {"HHZ": "火化证", "MWSYZ": "墓位使用证", "AZZM": "安葬证明"}
# The guide's papers for each certificate (gateway/domain/guide.py): kind -> the reason without it.
PAPERS = {
    "MWSYZ": {"GRAVE_CONTRACT": "缺少公墓或公益性墓地的墓位购买（使用）合同，请补充材料后重新提交"},
    "AZZM": {"BURIAL_PLACE_STATEMENT": "缺少安葬地点说明，请补充材料后重新提交"},
}
INCOMPLETE = "CLBQ"  # 材料不全: refused, the family can act on it


def _answer(data: Any = None, code: str | None = None, message: str | None = None) -> dict[str, Any]:
    return {"success": code is None, "errCode": code, "errMsg": message, "data": data}


async def records(request: Request) -> Response:
    person = holder(AGENCY, request.path_params["sfzh"])
    if person is None:
        return JSONResponse(_answer(code="E404", message="民政系统无该人员信息"))
    data = {
        "xm": person.name,
        "sfzh": person.id_number,
        "mwyd": person.grave,
        "jzlb": person.assistance,
        "lnbt": yuan(person.elderly_subsidy) if person.elderly_subsidy else None,
        "cjbt": yuan(person.disability_subsidy) if person.disability_subsidy else None,
    }
    return JSONResponse(_answer(data))


def _not_applicable(person: Person, code: str) -> str | None:
    cremated = person.disposal == "CREMATION"
    reasons = {
        "HHZ": None if cremated else "遗体安葬，不办理火化",
        "MWSYZ": None if person.grave else "该人员未预订公墓墓位",
        "AZZM": None if not person.grave else "已办理墓位使用证，无需安葬证明",
        "SHJZZZ": None if person.assistance else "该人员未享受低保或特困供养",
        "LNBTZZ": None if person.elderly_subsidy else "该人员未领取老年人福利补贴",
        "CJBTZZ": None if person.disability_subsidy else "该人员未领取残疾人两项补贴",
    }
    return reasons[code]


def _missing(person: Person, code: str, form: dict[str, Any]) -> str | None:
    if not form.get("swzmbh"):
        return "缺少死亡证明编号，请先取得死亡证明"
    needs_cremation = code == "MWSYZ" or (code == "AZZM" and person.disposal == "CREMATION")
    return "缺少火化证编号，请先办理火化" if needs_cremation and not form.get("hhzbh") else None


def _decide(world: World, form: dict[str, Any]) -> Answer:
    code, id_number = form["sxbm"], form["sfzh"]
    kind = KINDS[code]
    person = holder(AGENCY, id_number)
    reason = "民政系统无该人员信息" if person is None else _not_applicable(person, code)
    if person is None or reason:
        return Answer(_answer(code="E404", message=reason), kind, id_number)
    missing = _missing(person, code, form)
    if missing:
        return Answer(_answer(code="E400", message=missing), kind, id_number, 400)
    if (lacks := lacking(form.get("cllb"), PAPERS.get(code, {}))) is not None:
        return Answer(_answer(code=INCOMPLETE, message=lacks), kind, id_number)
    now = world.now()
    filing = Filing(AGENCY, kind, world.reference("MZ", person.region), id_number, form, now, now + world.work_time())
    city, county, _, _ = REGIONS[person.region]
    issuers = {"HHZ": f"{city}殡仪馆", "MWSYZ": person.grave or ""}
    filing.extra.update(
        issuer=issuers.get(code, f"{city}{county}民政局"),
        name=person.name,
        stop_from=first_of_next_month(person.death_date).isoformat(),
        monthly=person.elderly_subsidy if code == "LNBTZZ" else person.disability_subsidy,
        assistance=person.assistance,
    )
    world.file(filing)
    return Answer(render(filing, now), kind, id_number)


def _result(filing: Filing) -> dict[str, Any]:
    code, extra = filing.form["sxbm"], filing.extra
    if code in CERTIFICATES:
        number = certificate_number(code, filing.reference)
        issued = filing.ready_at.isoformat(timespec="seconds")
        return {"zslx": CERTIFICATES[code], "zsbh": number, "fzjg": extra["issuer"], "fzsj": issued}
    monthly = extra["monthly"]
    return {
        "zzrq": extra["stop_from"],
        "jzlb": extra["assistance"] if code == "SHJZZZ" else None,
        "yffje": yuan(monthly) if monthly and code != "SHJZZZ" else None,
        "bljg": extra["issuer"],
    }


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    head = {"bjbh": filing.reference, "sxbm": filing.form["sxbm"]}
    if not filing.done(now):
        remaining = round((filing.ready_at - now).total_seconds(), 2)
        return _answer(head | {"zt": "SHZ", "ztsm": "审核中", "ddsj": remaining})
    result = _result(filing)
    if "zsbh" in result:
        result |= {"czr": filing.extra["name"], "yzm": verification_code(result["zsbh"])}
    return _answer(head | {"zt": "BJ", "ztsm": "已办结", "jg": result})


async def submit(request: Request) -> Response:
    return await take_once(request, AGENCY, _decide, field_of("cllb"))


async def status(request: Request) -> Response:
    return show(request, AGENCY, render, _answer(code="E404", message="办件编号不存在"))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("GET", "/mzyw/ryxx/{sfzh}", records),
        ("POST", "/mzyw/banjian", submit),
        ("GET", "/mzyw/banjian/{bjbh}", status),
    )
