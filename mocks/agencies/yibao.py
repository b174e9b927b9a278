"""医疗保障 (MEDICAL_SECURITY): insurance termination and the medical account's one-off payout.

Shaped like the national medical-insurance platform: POST-only numbered interfaces, bodies
{"input": {...}} in and {"infcode", "err_msg", "output"} out, snake_case fields. Accept-then-poll.
The papers come as `file_list`; the account's payout is refused to an heir the household register
does not show unless the proof of the relationship is among them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.intake import Answer, desk, holder, take_once, world_of
from mocks.materials import unproved_heir
from mocks.people import Person
from mocks.reckoning import first_of_next_month, yuan
from mocks.world import Filing, World

AGENCY = "MEDICAL_SECURITY"
SLUG = "yibao"
KINDS = {"ZZCB": "MEDICAL_INSURANCE_TERMINATION", "ZHZQ": "MEDICAL_ACCOUNT_WITHDRAWAL"}
NOTHING_HELD = 1  # infcode for "no such insured person": an answer, not a fault


def _answer(output: Any = None, infcode: int = 0, message: str = "") -> dict[str, Any]:
    return {"infcode": infcode, "err_msg": message, "output": output}


async def records(request: Request) -> Response:
    form = (await request.json())["input"]
    person = holder(AGENCY, form.get("certno", ""))
    if person is None:
        return JSONResponse(_answer(infcode=NOTHING_HELD, message="未查询到人员参保信息"))
    employee = person.pension is not None
    insurance = {
        "insutype": "310" if employee else "390",  # 职工基本医疗 | 城乡居民基本医疗
        "psn_insu_stas": "1",
        "balc": yuan(person.medical_balance) if person.medical_balance else "0.00",
    }
    baseinfo = {
        "psn_no": f"64{person.id_number[-12:-1]}",
        "psn_name": person.name,
        "gend": "1" if person.gender == "男" else "2",
        "certno": person.id_number,
    }
    return JSONResponse(_answer({"baseinfo": baseinfo, "insuinfo": [insurance]}))


def _rejection(person: Person, code: str, form: dict[str, Any]) -> str | None:
    if code != "ZHZQ":
        return None
    if (unproved := unproved_heir(person.relatives, form.get("agnter_certno"), form.get("file_list"))) is not None:
        return unproved
    if form.get("acct_name") != form.get("agnter_name"):
        name = form.get("acct_name")
        return f"收款账户户名（{name}）与经办人（申请人）姓名不一致，请改用申请人本人名下账户后重新提交"
    return None


def _decide(world: World, form: dict[str, Any]) -> Answer:
    code, id_number = form["biz_type"], form["certno"]
    person = holder(AGENCY, id_number)
    if person is None or (code == "ZHZQ" and not person.medical_balance):
        return Answer(_answer(infcode=NOTHING_HELD, message="未查询到参保信息或个人账户无余额"), KINDS[code], id_number)
    if not form.get("die_cert_no"):
        return Answer(_answer(infcode=-1, message="缺少死亡证明编号(die_cert_no)"), KINDS[code], id_number, 400)
    now = world.now()
    reference = world.reference("YB", person.region)
    ready = now + world.work_time()
    filing = Filing(AGENCY, KINDS[code], reference, id_number, form, now, ready, form.get("ext_serial"))
    filing.rejection = _rejection(person, code, form)
    filing.extra.update(end_date=first_of_next_month(person.death_date).isoformat(), balance=person.medical_balance)
    world.file(filing)
    remaining = round((filing.ready_at - now).total_seconds(), 2)
    return Answer(_answer({"apply_no": reference, "biz_stas": "1", "wait_sec": remaining}), filing.kind, id_number)


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    head = {"apply_no": filing.reference, "biz_type": filing.form["biz_type"], "certno": filing.id_number}
    if not filing.done(now):
        return _answer(head | {"biz_stas": "1"})
    if filing.rejection:
        return _answer(head | {"biz_stas": "3", "rej_rea": filing.rejection})
    result: dict[str, Any] = {"end_date": filing.extra["end_date"]}
    if filing.form["biz_type"] == "ZHZQ":
        result = {"balc": yuan(filing.extra["balance"]), "pay_amt": yuan(filing.extra["balance"])}
        result["pay_date"] = f"{filing.ready_at:%Y-%m-%d}"
    return _answer(head | {"biz_stas": "2", "result": result})


async def submit(request: Request) -> Response:
    return await take_once(
        request, AGENCY, lambda world, body: _decide(world, body["input"]), lambda body: body["input"].get("file_list")
    )


async def status(request: Request) -> Response:
    world = world_of(request)
    filing = world.filing((await request.json())["input"].get("apply_no", ""), AGENCY)
    if filing is None:
        return JSONResponse(_answer(infcode=-1, message="申请编号不存在"), status_code=404)
    return JSONResponse(render(filing, world.now()))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("POST", "/fsi/api/1101", records),
        ("POST", "/fsi/api/dead/apply", submit),
        ("POST", "/fsi/api/dead/query", status),
    )
