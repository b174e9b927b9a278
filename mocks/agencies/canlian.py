"""残疾人联合会 (DISABLED_PERSONS_FEDERATION): 残疾人证注销. Envelope {"code": int, "msg", "data"},
pinyin fields; cancelled at once. The papers come as 附件 (fj): the card is cancelled whether or not
it was handed in, and the answer says which (sfjh)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.intake import Answer, desk, field_of, holder, show, take_once
from mocks.materials import handed_in
from mocks.people import Person
from mocks.people.regions import REGIONS
from mocks.reckoning import first_of_next_month
from mocks.world import Filing, World

AGENCY = "DISABLED_PERSONS_FEDERATION"
SLUG = "canlian"
KIND = "DISABILITY_CERTIFICATE_CANCELLATION"
NOT_HELD = 1001
_CATEGORY = {"视力": "1", "听力": "2", "言语": "3", "肢体": "4", "智力": "5", "精神": "6"}
_GRADE = {"一级": "1", "二级": "2", "三级": "3", "四级": "4"}


def _answer(data: Any = None, code: int = 0, msg: str = "ok") -> dict[str, Any]:
    return {"code": code, "msg": msg, "data": data}


def _card_number(person: Person) -> str:
    """残疾人证号: the identity number, then one digit for the category and one for the grade."""
    held = person.disability_certificate or ""
    return f"{person.id_number}{_CATEGORY[held[:2]]}{_GRADE[held[2:]]}"


async def records(request: Request) -> Response:
    person = holder(AGENCY, request.query_params.get("sfz", ""))
    if person is None:
        return JSONResponse(_answer(code=NOT_HELD, msg="未办理残疾人证"))
    held = person.disability_certificate or ""
    data = {"xm": person.name, "sfz": person.id_number, "cjrzh": _card_number(person), "cjlb": held[:2]}
    return JSONResponse(_answer(data | {"cjdj": held[2:], "zjzt": "有效"}))


def _decide(world: World, form: dict[str, Any]) -> Answer:
    id_number = form["sfz"]
    person = holder(AGENCY, id_number)
    if person is None:
        return Answer(_answer(code=NOT_HELD, msg="该人员未办理残疾人证"), KIND, id_number)
    if not form.get("swzmbh"):
        return Answer(_answer(code=4000, msg="缺少死亡证明编号，请先取得死亡证明"), KIND, id_number, 400)
    now = world.now()
    filing = Filing(AGENCY, KIND, world.reference("CL", person.region), id_number, form, now, now)
    city, county, _, _ = REGIONS[person.region]
    filing.extra.update(
        card=_card_number(person),
        stop_from=first_of_next_month(person.death_date).isoformat(),
        office=f"{city}{county}残疾人联合会",
        returned=handed_in(form.get("fj"), "DISABILITY_CERTIFICATE_RETURN"),
    )
    world.file(filing)
    return Answer(render(filing, now), KIND, id_number)


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    return _answer(
        {
            "zxbh": filing.reference,
            "zt": "YZX",
            "ztmc": "已注销",
            "cjrzh": filing.extra["card"],
            "zxrq": f"{filing.ready_at:%Y-%m-%d}",
            "dyzzrq": filing.extra["stop_from"],
            "bljg": filing.extra["office"],
            "sfjh": filing.extra["returned"],
            "jhsm": "残疾人证已收回" if filing.extra["returned"] else "残疾人证未交回，已注销作废",
        }
    )


async def submit(request: Request) -> Response:
    return await take_once(request, AGENCY, _decide, field_of("fj"))


async def status(request: Request) -> Response:
    return show(request, AGENCY, render, _answer(code=4004, msg="注销编号不存在"))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("GET", "/cjr/query", records),
        ("POST", "/cjr/zhuxiao", submit),
        ("GET", "/cjr/zhuxiao/{zxbh}", status),
    )
