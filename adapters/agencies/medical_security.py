"""医疗保障 (MEDICAL_SECURITY) at /yibao: POST-only numbered interfaces in the national platform's
style, {"input": {...}} in and {"infcode", "err_msg", "output"} out, the family's papers as
`file_list`. Accepted, then polled."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from adapters.contract import Accepted, Completed, ItemRequest, NoRecord, Outcome, Records, Rejected, ResultData
from adapters.kinds import Agency, Fact, ItemKind
from adapters.spec import Call

AGENCY = Agency.MEDICAL_SECURITY
SLUG = "yibao"
TIMEOUT_SECONDS = 6.0
CODES = {ItemKind.MEDICAL_INSURANCE_TERMINATION: "ZZCB", ItemKind.MEDICAL_ACCOUNT_WITHDRAWAL: "ZHZQ"}
_OK, _NOTHING_HELD = 0, 1


def _output(body: Any) -> Any:
    if body["infcode"] != _OK:
        raise ValueError(f"infcode {body['infcode']}: {body['err_msg']}")
    return body["output"]


def records_call(id_number: str) -> Call:
    return Call("POST", "/fsi/api/1101", json={"input": {"psn_cert_type": "01", "certno": id_number}})


def records(body: Any) -> Records:
    if body["infcode"] == _NOTHING_HELD:
        return Records(AGENCY, False, frozenset())
    output = _output(body)
    insured = [insurance for insurance in output["insuinfo"] if insurance["psn_insu_stas"] == "1"]
    balance = sum((Decimal(insurance["balc"]) for insurance in insured), Decimal("0"))
    facts = {Fact.MEDICAL_INSURED} if insured else set()
    if balance > 0:
        facts.add(Fact.MEDICAL_ACCOUNT_BALANCE)
    details = {"account_balance": str(balance), "insurance_types": [i["insutype"] for i in insured]}
    return Records(AGENCY, True, frozenset(facts), name=output["baseinfo"]["psn_name"], details=details)


def submit_call(request: ItemRequest) -> Call:
    deceased, applicant, account = request.deceased, request.applicant, request.payout_account
    death_certificate = request.death_certificate()
    form = {
        "biz_type": CODES[request.kind],
        "certno": deceased.id_number,
        "psn_name": deceased.name,
        "die_date": deceased.death_date.isoformat(),
        "die_cert_no": death_certificate,
        "agnter_name": applicant.name,
        "agnter_certno": applicant.id_number,
        "agnter_tel": applicant.phone,
        "agnter_rlts": applicant.relationship,
        "bank_name": account.bank_name if account else None,
        "acct_name": account.account_name if account else None,
        "bankacct": account.account_number if account else None,
        "ext_serial": request.item_id,
        "file_list": [m.as_json() for m in request.materials],
    }
    return Call("POST", "/fsi/api/dead/apply", json={"input": form})


def submit_outcome(request: ItemRequest, body: Any) -> Outcome:
    if body["infcode"] == _NOTHING_HELD:
        return NoRecord(body["err_msg"])
    output = _output(body)
    return Accepted(output["apply_no"], poll_after_seconds=float(output["wait_sec"]))


def status_call(kind: ItemKind, reference: str) -> Call:
    return Call("POST", "/fsi/api/dead/query", json={"input": {"apply_no": reference}})


def status_outcome(kind: ItemKind, body: Any) -> Outcome:
    output = _output(body)
    state, reference = output["biz_stas"], output["apply_no"]
    if state == "1":
        return Accepted(reference, poll_after_seconds=3.0)
    if state == "3":
        return Rejected(output["rej_rea"], reference)
    if state != "2":
        raise ValueError(f"unknown biz_stas {state!r}")
    result = output["result"]
    if output["biz_type"] == "ZHZQ":
        amount = Decimal(result["pay_amt"])
        summary = f"医保个人账户余额 {amount} 元已一次性支取，{result['pay_date']} 支付"
        return Completed(reference, ResultData(summary, amount=amount, data={"balance": result["balc"]}))
    end = date.fromisoformat(result["end_date"])
    return Completed(reference, ResultData(f"基本医疗保险参保关系和待遇自 {end} 起终止", effective_date=end))


def refusal_reason(body: Any) -> str:
    return str(body["err_msg"])
