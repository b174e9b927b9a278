"""卫生健康 (HEALTH): 居民死亡医学证明. Envelope {"code","msg","data"}, pinyin fields.

A hospital death: the certificate already exists and is returned at once. A death at home: the
village/residents committee reports, the health centre confirms with the family, then it issues
(DOMAIN §2) — accept-then-poll through those stages.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, time
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.certificates import verification_code
from mocks.intake import Answer, desk, field_of, holder, show, take_once
from mocks.people.regions import health_centre, hospital
from mocks.reckoning import CST
from mocks.world import Filing, World

AGENCY = "HEALTH"
SLUG = "weijian"
KIND = "MEDICAL_DEATH_CERTIFICATE"
_STAGES = (("JWHSB", "村(居)委会已上报"), ("WSYHS", "社区卫生服务中心/乡镇卫生院核实中"))


def _envelope(data: Any, code: str = "0000", msg: str = "成功") -> dict[str, Any]:
    return {"code": code, "msg": msg, "data": data}


def certificate_number(id_number: str) -> str:
    # The national form is keyed to the deceased's identity number; the printed number here keeps
    # the region and a digest instead, so a certificate number never carries a full id number.
    digest = hashlib.sha256(id_number.encode()).hexdigest()[:10].upper()
    return f"YXZM{id_number[:6]}{digest}"


async def records(request: Request) -> Response:
    person = holder(AGENCY, request.query_params.get("sfzhm", ""))
    if person is None:
        return JSONResponse(_envelope(None, "4040", "未查询到该人员的死亡信息"), status_code=404)
    data = {
        "xm": person.name,
        "sfzhm": person.id_number,
        "xb": person.gender,
        "swdd": person.death_place,
        "yljgsw": "1" if person.in_hospital else "0",
        "swrq": person.death_date.isoformat() if person.in_hospital else None,
        "zmbh": certificate_number(person.id_number) if person.in_hospital else None,
    }
    return JSONResponse(_envelope(data, msg="查询成功"))


def _decide(world: World, form: dict[str, Any]) -> Answer:
    id_number = form["swzsfzhm"]
    person = holder(AGENCY, id_number)
    if person is None:
        return Answer(_envelope(None, "4041", "卫生健康系统无该人员死亡信息"), KIND, id_number)
    now = world.now()
    ready = now if person.in_hospital else now + world.work_time()
    filing = world.file(
        Filing(AGENCY, KIND, world.reference("WJ", person.region), id_number, form, now, ready, form.get("wbywh"))
    )
    issued = datetime.combine(person.death_date, time(9, 30), CST) if person.in_hospital else ready
    filing.extra.update(
        issuer=hospital(person.region) if person.in_hospital else health_centre(person.region),
        issued=issued,
        name=person.name,
        death_date=person.death_date.isoformat(),
    )
    return Answer(render(filing, now), KIND, id_number)


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    if not filing.done(now):
        elapsed = (now - filing.filed_at) / (filing.ready_at - filing.filed_at)
        code, label = _STAGES[0 if elapsed < 0.5 else 1]
        remaining = round((filing.ready_at - now).total_seconds(), 2)
        return _envelope({"slbh": filing.reference, "blzt": "SLZ", "jd": code, "jdsm": label, "yjsj": remaining})
    number = certificate_number(filing.id_number)
    certificate = {
        "zslx": "居民死亡医学证明",
        "zsbh": number,
        "qfjg": filing.extra["issuer"],
        "qfsj": filing.extra["issued"].isoformat(timespec="seconds"),
        "swzxm": filing.extra["name"],
        "swrq": filing.extra["death_date"],
        "yzm": verification_code(number),
    }
    return _envelope({"slbh": filing.reference, "blzt": "YBJ", "zs": certificate}, msg="已办结")


async def submit(request: Request) -> Response:
    return await take_once(request, AGENCY, _decide, field_of("fj"))


async def status(request: Request) -> Response:
    return show(request, AGENCY, render, _envelope(None, "4044", "受理编号不存在"))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("GET", "/api/swzm/ryxx", records),
        ("POST", "/api/swzm/sq", submit),
        ("GET", "/api/swzm/jd/{slbh}", status),
    )
