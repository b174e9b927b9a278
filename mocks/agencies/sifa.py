"""司法 (JUSTICE): 遗嘱公证信息核查 by the notary offices. Envelope {"status": int, "message",
"result"}, pinyin fields. The check takes a while (accept-then-poll); it answers for anyone with a
Ningxia household, finding a will or not, and only to an heir: one the household register does not
show as a near relative must send proof of the relationship among the 附件 (fj), or is refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.intake import Answer, desk, field_of, holder, show, take_once
from mocks.materials import unproved_heir
from mocks.people import Person, find
from mocks.world import Filing, World

AGENCY = "JUSTICE"
SLUG = "sifa"
KIND = "WILL_NOTARY_CHECK"


def _answer(result: Any = None, status: int = 0, message: str = "成功") -> dict[str, Any]:
    return {"status": status, "message": message, "result": result}


def _will(person: Person) -> dict[str, Any]:
    office = person.will or ""
    short = office.removeprefix("宁夏回族自治区")[:1]  # 银, 吴, 固, 中 …: the office's short name
    serial = int(person.id_number[-5:-1]) % 9000 + 1000
    return {"gzjg": office, "gzsbh": f"（2019）宁{short}证字第{serial}号", "gzrq": "2019-06-18", "gzlx": "遗嘱公证"}


async def records(request: Request) -> Response:
    person = holder(AGENCY, request.query_params.get("zjhm", ""))
    if person is None:
        return JSONResponse(_answer(status=404, message="未查询到遗嘱公证记录"), status_code=404)
    return JSONResponse(_answer({"xm": person.name, "zjhm": person.id_number, "yzgz": [_will(person)]}))


def _decide(world: World, form: dict[str, Any]) -> Answer:
    id_number = form["zjhm"]
    person = find(id_number)
    if person is None or not person.local:
        return Answer(_answer(status=1, message="非本区户籍人员，无法核查"), KIND, id_number)
    if not form.get("swzmbh"):
        return Answer(_answer(status=400, message="缺少死亡证明编号，请先取得死亡证明"), KIND, id_number, 400)
    if (refusal := unproved_heir(person.relatives, (form.get("sqr") or {}).get("zjhm"), form.get("fj"))) is not None:
        return Answer(_answer(status=2, message=refusal), KIND, id_number)
    now = world.now()
    filing = Filing(AGENCY, KIND, world.reference("SF", person.region), id_number, form, now, now + world.work_time())
    filing.extra["will"] = _will(person) if person.will else None
    world.file(filing)
    seconds = round((filing.ready_at - now).total_seconds(), 2)
    return Answer(_answer({"hcbh": filing.reference, "zt": "HCZ", "yjsc": seconds}, message="已受理"), KIND, id_number)


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    if not filing.done(now):
        return _answer({"hcbh": filing.reference, "zt": "HCZ"})
    will = filing.extra["will"]
    found = "经核查，逝者生前办理了遗嘱公证" if will else "经核查，全区公证机构未发现逝者的遗嘱公证记录"
    outcome = {"ygyz": will is not None, "sm": found} | (will or {})
    return _answer({"hcbh": filing.reference, "zt": "WC", "wcsj": filing.ready_at.isoformat(), "hcjg": outcome})


async def submit(request: Request) -> Response:
    return await take_once(request, AGENCY, _decide, field_of("fj"))


async def status(request: Request) -> Response:
    return show(request, AGENCY, render, _answer(status=404, message="核查编号不存在"))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("GET", "/gzxx/yz", records),
        ("POST", "/gzxx/hcsq", submit),
        ("GET", "/gzxx/hcsq/{hcbh}", status),
    )
