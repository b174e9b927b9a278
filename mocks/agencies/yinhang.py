"""金融监管 / 银行 (FINANCIAL_REGULATION): heirs withdraw a deceased depositor's small deposits.
Envelope {"respCode": "000000", "respMsg", "data"}, camelCase English.

Up to 50,000 yuan per bank without notarization (2024-06-01 rule), bank by bank: deposits within it
are paid; a bank's deposits above it are referred to a succession notarization or a court ruling
(listed in the answer, with the reason). Only when nothing is within the limit does the bank refuse
(422), and so does it pay no heir the household register does not show without proof of the
relationship among the attachments. Accept-then-call-back; pollable too.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.intake import Answer, desk, field_of, holder, outcome_of, show, take_once
from mocks.materials import unproved_heir
from mocks.people import Person
from mocks.people.model import SMALL_DEPOSIT_LIMIT, Deposit
from mocks.reckoning import yuan
from mocks.world import Filing, World

AGENCY = "FINANCIAL_REGULATION"
SLUG = "yinhang"
KIND = "SMALL_DEPOSIT_WITHDRAWAL"
NOT_HELD = "100404"


def _answer(data: Any = None, code: str = "000000", message: str = "成功") -> dict[str, Any]:
    return {"respCode": code, "respMsg": message, "data": data}


async def records(request: Request) -> Response:
    person = holder(AGENCY, (await request.json()).get("certNo", ""))
    if person is None:
        return JSONResponse(_answer(code=NOT_HELD, message="无存款信息"))
    deposits = [{"bankName": d.bank, "balance": yuan(d.balance)} for d in person.deposits]
    total = yuan(sum((d.balance for d in person.deposits), start=Decimal("0")))
    return JSONResponse(_answer({"customerName": person.name, "deposits": deposits, "totalBalance": total}))


def _refusal(person: Person, form: dict[str, Any]) -> dict[str, Any] | None:
    if not form.get("deathCertNo"):
        return _answer(code="E1001", message="缺少死亡证明编号，请先取得死亡证明")
    if person.deposits and not _payable(person):
        return _answer(code="E1003", message=_over_limit(_referred(person)))
    payee, heir = form.get("payee") or {}, form.get("heir") or {}
    if (unproved := unproved_heir(person.relatives, heir.get("certNo"), form.get("attachments"))) is not None:
        return _answer(code="E1006", message=unproved)
    if payee.get("accountName") != heir.get("name"):
        return _answer(code="E1005", message="收款账户户名与继承人姓名不一致，请改用继承人（申请人）本人名下账户")
    return None


def _payable(person: Person) -> list[Deposit]:
    return [d for d in person.deposits if d.balance <= SMALL_DEPOSIT_LIMIT]


def _referred(person: Person) -> list[Deposit]:
    return [d for d in person.deposits if d.balance > SMALL_DEPOSIT_LIMIT]


def _over_limit(deposits: list[Deposit]) -> str:
    banks = "、".join(f"{d.bank}（{yuan(d.balance)}元）" for d in deposits)
    return f"已故存款人在{banks}的存款超过每家银行5万元的小额提取限额，请办理继承公证或取得法院判决后到银行柜台办理"


def _decide(world: World, form: dict[str, Any]) -> Answer:
    id_number = form["certNo"]
    person = holder(AGENCY, id_number)
    if person is None:
        return Answer(_answer(code=NOT_HELD, message="未查询到已故存款人的存款"), KIND, id_number)
    refusal = _refusal(person, form)
    if refusal is not None:
        return Answer(refusal, KIND, id_number, 422)
    now = world.now()
    reference = world.reference("YH", person.region)
    filing = Filing(AGENCY, KIND, reference, id_number, form, now, now + world.work_time(), form.get("bizSeq"))
    filing.callback_url = form.get("callbackUrl")
    paid, referred = _payable(person), _referred(person)
    filing.extra["details"] = [{"bankName": d.bank, "amount": yuan(d.balance)} for d in paid]
    filing.extra["total"] = yuan(sum((d.balance for d in paid), start=Decimal("0")))
    filing.extra["referred"] = [
        {"bankName": d.bank, "balance": yuan(d.balance), "reason": _over_limit([d])} for d in referred
    ]
    world.file(filing)
    world.call_back_when_done(filing, outcome_of(render))
    seconds = round((filing.ready_at - now).total_seconds(), 2)
    return Answer(_answer({"applyNo": reference, "state": "ACCEPTED", "estimatedSeconds": seconds}), KIND, id_number)


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    head = {"applyNo": filing.reference, "certNo": filing.id_number}
    if not filing.done(now):
        return _answer(head | {"state": "ACCEPTED"})
    payee = filing.form.get("payee") or {}
    paid = {"totalAmount": filing.extra["total"], "details": filing.extra["details"]}
    paid["referred"] = filing.extra["referred"]
    paid["payeeBank"] = payee.get("bankName")
    return _answer(head | {"state": "SUCCESS", "finishTime": filing.ready_at.isoformat(timespec="seconds")} | paid)


async def submit(request: Request) -> Response:
    return await take_once(request, AGENCY, _decide, field_of("attachments"))


async def status(request: Request) -> Response:
    return show(request, AGENCY, render, _answer(code="100404", message="申请编号不存在"))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("POST", "/deposit/query", records),
        ("POST", "/deposit/small-withdrawal", submit),
        ("GET", "/deposit/small-withdrawal/{applyNo}", status),
    )
