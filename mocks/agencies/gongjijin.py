"""住房公积金管理中心 (HOUSING_FUND): withdrawal on death. Camel-case English, envelope
{"status": "SUCCESS"|"FAIL", "errorCode", "errorMessage", "data"}.

The employer must have sealed (封存) the account first: an unsealed account is refused, and the
employer seals it a few seconds later, so the same application resubmitted then goes through.
An heir the household register does not show sends proof of the relationship among the materials,
or is refused. Accept-then-call-back; the withdrawal status can also be polled.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.intake import Answer, desk, field_of, holder, outcome_of, show, take_once, world_of
from mocks.materials import lacking, unproved_heir
from mocks.people import Person
from mocks.reckoning import yuan
from mocks.world import Filing, World

AGENCY = "HOUSING_FUND"
SLUG = "gongjijin"
KIND = "HOUSING_FUND_WITHDRAWAL"
PAPERS = {"HOUSING_FUND_SEALING_CERTIFICATE": "缺少原缴存单位出具的住房公积金账户封存证明，请补充材料后重新提交"}


def _ok(data: Any) -> dict[str, Any]:
    return {"status": "SUCCESS", "errorCode": None, "errorMessage": None, "data": data}


def _fail(code: str, message: str) -> dict[str, Any]:
    return {"status": "FAIL", "errorCode": code, "errorMessage": message, "data": None}


def _account(person: Person, sealed: bool) -> dict[str, Any]:
    return {
        "accountNo": f"GJJ{person.id_number[:6]}{person.id_number[-8:-1]}",
        "personName": person.name,
        "balance": yuan(person.housing_fund) if person.housing_fund is not None else "0.00",
        "accountState": "SEALED" if sealed else "NORMAL",
    }


def _sealed(world: World, person: Person) -> bool:
    sealing = world.sealed_at.get(person.id_number)
    return person.housing_sealed or (sealing is not None and world.now() >= sealing)


async def records(request: Request) -> Response:
    person = holder(AGENCY, request.query_params.get("idCardNo", ""))
    accounts = [] if person is None else [_account(person, _sealed(world_of(request), person))]
    return JSONResponse(_ok({"accounts": accounts}))


def _refusal(world: World, person: Person, form: dict[str, Any]) -> dict[str, Any] | None:
    if not _sealed(world, person):
        # the centre notifies the employer, who seals the account shortly after (DOMAIN §3)
        world.sealed_at.setdefault(person.id_number, world.now() + world.work_time(2.0, 4.0))
        message = "单位尚未为该职工办理住房公积金账户封存，已通知单位办理，请封存后重新提交提取申请"
        return _fail("ACCOUNT_NOT_SEALED", message)
    # the guide's paper: once the employer has sealed the account it gives the family this certificate
    if (reason := lacking(form.get("materials"), PAPERS)) is not None:
        return _fail("MATERIAL_MISSING", reason)
    payee, heir = form.get("bankAccount") or {}, form.get("heir") or {}
    if (unproved := unproved_heir(person.relatives, heir.get("idCardNo"), form.get("materials"))) is not None:
        return _fail("MATERIAL_MISSING", unproved)
    if payee.get("accountName") != heir.get("name"):
        message = f"收款账户户名（{payee.get('accountName')}）与继承人（申请人）姓名不一致，请改用申请人本人账户"
        return _fail("ACCOUNT_NAME_MISMATCH", message)
    return None


def _decide(world: World, form: dict[str, Any]) -> Answer:
    id_number = form["idCardNo"]
    person = holder(AGENCY, id_number)
    if person is None:
        return Answer(_fail("ACCOUNT_NOT_FOUND", "未查询到住房公积金账户"), KIND, id_number)
    if not form.get("deathCertNo"):
        return Answer(_fail("MISSING_DEATH_CERTIFICATE", "缺少死亡证明编号"), KIND, id_number, 400)
    refusal = _refusal(world, person, form)
    if refusal is not None:
        return Answer(refusal, KIND, id_number)
    now = world.now()
    reference = world.reference("GJJ", person.region)
    filing = Filing(AGENCY, KIND, reference, id_number, form, now, now + world.work_time(), form.get("outBizNo"))
    filing.callback_url = form.get("notifyUrl")
    filing.extra.update(amount=yuan(person.housing_fund or Decimal("0")), account=_account(person, True)["accountNo"])
    world.file(filing)
    world.call_back_when_done(filing, outcome_of(render))
    seconds = round((filing.ready_at - now).total_seconds(), 2)
    return Answer(_ok({"withdrawalNo": reference, "state": "PROCESSING", "estimatedSeconds": seconds}), KIND, id_number)


def render(filing: Filing, now: datetime) -> dict[str, Any]:
    head = {"withdrawalNo": filing.reference, "accountNo": filing.extra["account"], "amount": filing.extra["amount"]}
    if not filing.done(now):
        return _ok(head | {"state": "PROCESSING"})
    payee = filing.form.get("bankAccount") or {}
    paid = {"paidAt": filing.ready_at.isoformat(timespec="seconds"), "payeeBank": payee.get("bankName")}
    return _ok(head | {"state": "PAID", "closedAccount": True} | paid)


async def submit(request: Request) -> Response:
    return await take_once(request, AGENCY, _decide, field_of("materials"))


async def status(request: Request) -> Response:
    return show(request, AGENCY, render, _fail("NOT_FOUND", "提取申请不存在"))


def routes() -> list[Route]:
    return desk(
        AGENCY,
        ("GET", "/api/v2/accounts", records),
        ("POST", "/api/v2/withdrawals", submit),
        ("GET", "/api/v2/withdrawals/{withdrawalNo}", status),
    )
