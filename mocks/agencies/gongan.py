"""公安 (PUBLIC_SECURITY): 户籍, 驾驶证, 非正常死亡证明. Flat pinyin bodies, errors as {"cwdm","cwxx"}.

Household and licence cancellations are done at once; an abnormal death certificate waits for the
family to visit the police station (accept-then-poll). The papers come as 附件 (fj). A cancellation
never waits for the card or licence to be handed in (方案二“证件注销”: done on receipt of the death
certificate): the answer says whether it was returned (zjjh) or declared void.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.certificates import verification_code
from mocks.intake import Answer, certificate_number, desk, field_of, holder, show, take_once
from mocks.materials import handed_in
from mocks.people import Person
from mocks.people.regions import REGIONS, district
from mocks.reckoning import stamp
from mocks.world import Filing, World

AGENCY = "PUBLIC_SECURITY"
SLUG = "gongan"
KINDS = {"HKZX": "HUKOU_CANCELLATION", "JSZZX": "DRIVING_LICENCE_CANCELLATION", "FZCSWZM": "ABNORMAL_DEATH_CERTIFICATE"}
# What each cancellation takes back: the paper's kind, and what the answer says if it came or not.
RETURNS = {
    "HKZX": ("DECEASED_ID_CARD_RETURN", "居民身份证已收回", "居民身份证未交回，已作废"),
    "JSZZX": ("DRIVING_LICENCE_RETURN", "机动车驾驶证已收回", "机动车驾驶证未交回，已公告作废"),
}
RELATION = {"SPOUSE": "配偶", "CHILD": "子女", "PARENT": "父母", "SIBLING": "兄弟姐妹"}


def _error(code: str, message: str) -> dict[str, Any]:
    return {"cwdm": code, "cwxx": message}


def _station(region: str) -> str:
    _, county, _, street = REGIONS[region]
    return f"{county}公安分局{street.removesuffix('街道').removesuffix('镇')}派出所"


async def records(request: Request) -> Response:
    person = holder(AGENCY, request.query_params.get("gmsfhm", ""))
    if person is None:
        return JSONResponse(_error("E404", "查无此人户籍信息"), status_code=404)
    return JSONResponse(
        {
            "gmsfhm": person.id_number,
            "xm": person.name,
            "xb": person.gender,
            "ssxqdm": person.region,
            "hjdz": f"{district(person.region)}{REGIONS[person.region][3]}",
            "hjzt": "正常",
            "jszh": person.id_number if person.licence else "",
            "zjcx": "C1" if person.licence else "",
            "jqs": [
                {"gmsfhm": number, "yhzgx": RELATION.get(person.applicant.relationship, "其他亲属")}
                for number in person.relatives
            ],
        }
    )


def _refusal(person: Person, code: str, form: dict[str, Any]) -> Answer | None:
    kind = KINDS[code]
    if code == "FZCSWZM" and form.get("sfdqh", person.region) not in REGIONS:
        message = f"事发地区划代码 {form.get('sfdqh')} 不存在或不在本省，无法确定辖区派出所"
        return Answer(_error("E422", message), kind, person.id_number, 422)
    if code == "FZCSWZM" and person.death_type != "ABNORMAL":
        message = "该人员为正常死亡，应由医疗卫生机构出具《居民死亡医学证明》"
        return Answer(_error("E422", message), kind, person.id_number, 422)
    if code != "FZCSWZM" and not form.get("swzmbh"):
        message = "缺少死亡证明编号：请先取得《居民死亡医学证明》或《非正常死亡证明》后再申请"
        return Answer(_error("E422", message), kind, person.id_number, 422)
    if code == "JSZZX" and not person.licence:
        return Answer({"jg": "WJL", "cwxx": "该人员无机动车驾驶证记录"}, kind, person.id_number)
    return None


def _decide(world: World, form: dict[str, Any]) -> Answer:
    code, id_number = form["ywlx"], form["gmsfhm"]
    person = holder(AGENCY, id_number)
    if person is None:
        return Answer({"jg": "WJL", "cwxx": "公安户籍系统无该人员信息"}, KINDS[code], id_number)
    refusal = _refusal(person, code, form)
    if refusal is not None:
        return refusal
    now = world.now()
    ready = now + world.work_time() if code == "FZCSWZM" else now
    filing = Filing(AGENCY, KINDS[code], world.reference("GA", person.region), id_number, form, now, ready)
    # A non-normal death is certified where it happened (sfdqh); everything else at the household's station.
    where = form.get("sfdqh") or person.region if code == "FZCSWZM" else person.region
    filing.extra.update(station=_station(where), name=person.name, death_date=person.death_date.isoformat())
    if code in RETURNS:
        filing.extra["returned"] = handed_in(form.get("fj"), RETURNS[code][0])
    world.file(filing)
    return Answer(render(filing, now), filing.kind, id_number)


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    code = filing.form["ywlx"]
    head = {"slh": filing.reference, "ywlx": code, "blpcs": filing.extra["station"]}
    if not filing.done(now):
        remaining = round((filing.ready_at - now).total_seconds(), 2)
        return head | {"jg": "SL", "tsxx": f"请家属携带身份证件到{filing.extra['station']}办理", "yjsj": remaining}
    done = head | {"jg": "BJ", "blsj": stamp(filing.ready_at)}
    if code == "FZCSWZM":
        number = certificate_number("FZCSW", filing.reference)
        certificate = {"zmbh": number, "kjdw": filing.extra["station"], "kjsj": stamp(filing.ready_at)}
        certificate |= {"swzxm": filing.extra["name"], "swrq": filing.extra["death_date"]}
        return done | {"zm": certificate | {"yzm": verification_code(number)}}
    _, back, void = RETURNS[code]
    returned = filing.extra["returned"]
    cancelled = {"zxrq": f"{filing.ready_at:%Y-%m-%d}", "zxyy": "死亡"}
    return done | cancelled | {"zjjh": "1" if returned else "0", "zjjhsm": back if returned else void}


async def submit(request: Request) -> Response:
    return await take_once(request, AGENCY, _decide, field_of("fj"))


async def status(request: Request) -> Response:
    return show(request, AGENCY, render, _error("E404", "受理号不存在"))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("GET", "/hjxx/cx", records),
        ("POST", "/ywsl", submit),
        ("GET", "/ywsl/{slh}", status),
    )
