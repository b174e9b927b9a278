"""人力资源社会保障 (HRSS) at /renshe: benefit stops and claims. Envelope {"retCode", "retMsg",
"body"}, person fields in 金保工程 codes (aac002 身份号码, aac003 姓名). Answers by call-back; the
status endpoint gives the same body, so polling and call-backs map alike. The family's papers go as
附件信息 (fjxx)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from adapters.contract import Accepted, Completed, ItemRequest, NoRecord, Outcome, Records, Rejected, ResultData
from adapters.kinds import Agency, Fact, ItemKind
from adapters.spec import Call

AGENCY = Agency.HRSS
SLUG = "renshe"
TIMEOUT_SECONDS = 8.0
CODES = {
    ItemKind.SOCIAL_INSURANCE_SUSPENSION: "DYZT",
    ItemKind.PENSION_ACCOUNT_REFUND: "GRZHTF",
    ItemKind.FUNERAL_GRANT: "SZBZ",
    ItemKind.SURVIVOR_BENEFIT: "YSDY",
    ItemKind.UNEMPLOYMENT_BENEFIT_STOP: "SYDYTZ",
}
_OK, _NOT_HELD = "0", "2004"
_STOPPED = {"DYZT": "社会保险待遇", "SYDYTZ": "失业保险待遇和公益性岗位补贴"}


def _body(answer: Any) -> Any:
    if answer["retCode"] != _OK:
        raise ValueError(f"retCode {answer['retCode']}: {answer['retMsg']}")
    return answer["body"]


def records_call(id_number: str) -> Call:
    return Call("GET", f"/si/v1/persons/{id_number}")


def records(body: Any) -> Records:
    person = _body(body)
    flags = {
        Fact.INSURED: person["aac008"] in ("1", "2"),
        Fact.PENSION_ACCOUNT: Decimal(person["grzhye"] or "0") > 0,
        Fact.SOCIAL_INSURANCE_BENEFITS: person["ltxbz"] == "1" or person["syjbz"] == "1",
        Fact.SURVIVORS: person["ysbz"] == "1",
        Fact.UNEMPLOYMENT_BENEFITS: person["syjbz"] == "1",
    }
    details = {"pension_account_balance": person["grzhye"], "monthly_pension": person["yljyfje"]}
    return Records(AGENCY, True, frozenset(f for f, held in flags.items() if held), person["aac003"], details)


def submit_call(request: ItemRequest) -> Call:
    deceased, applicant, account = request.deceased, request.applicant, request.payout_account
    death_certificate = request.death_certificate()
    form = {
        "ywlx": CODES[request.kind],
        "aac002": deceased.id_number,
        "aac003": deceased.name,
        "swrq": deceased.death_date.isoformat(),
        "swzmbh": death_certificate,
        "sqr": {"aac003": applicant.name, "aac002": applicant.id_number, "lxdh": applicant.phone},
        "sqrgx": applicant.relationship,
        "skzh": {"khyh": account.bank_name, "hm": account.account_name, "zh": account.account_number}
        if account
        else None,
        "hdurl": request.callback_url,
        "wbywid": request.item_id,
        "fjxx": [m.as_json() for m in request.materials],
    }
    return Call("POST", "/si/v1/applications", json=form)


def submit_outcome(request: ItemRequest, body: Any) -> Outcome:
    if body["retCode"] == _NOT_HELD:
        return NoRecord(body["retMsg"])
    accepted = _body(body)
    return Accepted(accepted["ywlsh"], poll_after_seconds=float(accepted["yjhs"]))


def status_call(kind: ItemKind, reference: str) -> Call:
    return Call("GET", f"/si/v1/applications/{reference}")


def status_outcome(kind: ItemKind, body: Any) -> Outcome:
    application = _body(body)
    state, reference = application["blzt"], application["ywlsh"]
    if state == "01":
        return Accepted(reference, poll_after_seconds=5.0)
    if state == "03":
        return Rejected(application["thyy"], reference)
    if state != "02":
        raise ValueError(f"unknown blzt {state!r}")
    return Completed(reference, _result(application["ywlx"], application["jg"]))


def _result(code: str, outcome: Any) -> ResultData:
    if code in _STOPPED:
        stop_from = date.fromisoformat(outcome["ztrq"])
        return ResultData(f"{_STOPPED[code]}自 {stop_from} 起暂停发放", effective_date=stop_from)
    amount = Decimal(outcome["sfje"])
    if code == "GRZHTF":
        deduction, owed = Decimal(outcome["dkje"]), Decimal(outcome["bfje"])
        summary = (
            f"养老保险个人账户余额 {outcome['zhye']} 元，多领抵扣 {deduction} 元，补发 {owed} 元，实发 {amount} 元"
        )
        return ResultData(
            summary, amount=amount, deduction=deduction, data={"balance": outcome["zhye"], "owed": str(owed)}
        )
    what = "丧葬补助金" if code == "SZBZ" else "遗属待遇"
    summary = f"{what} {amount} 元（计发基数 {outcome['jsjs']} 元 × {outcome['jsys']} 个月）"
    return ResultData(summary, amount=amount, data={"base": outcome["jsjs"], "months": outcome["jsys"]})


def refusal_reason(body: Any) -> str:
    return str(body["retMsg"])
