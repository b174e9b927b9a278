"""住房公积金 (HOUSING_FUND) at /gongjijin: withdrawal on death. Camel-case English, envelope
{"status": "SUCCESS"|"FAIL", "errorCode", "errorMessage", "data"}. Answers by call-back."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from adapters.contract import Accepted, Completed, ItemRequest, NoRecord, Outcome, Records, Rejected, ResultData
from adapters.kinds import Agency, Fact, ItemKind
from adapters.spec import Call

AGENCY = Agency.HOUSING_FUND
SLUG = "gongjijin"
TIMEOUT_SECONDS = 6.0
_NOT_HELD = "ACCOUNT_NOT_FOUND"
# refusals the family can act on: the employer seals the account, a payee in the heir's name, or a
# paper (the employer's sealing certificate) to attach
_ACTIONABLE = ("ACCOUNT_NOT_SEALED", "ACCOUNT_NAME_MISMATCH", "MATERIAL_MISSING")


def _data(body: Any) -> Any:
    if body["status"] != "SUCCESS":
        raise ValueError(f"{body['errorCode']}: {body['errorMessage']}")
    return body["data"]


def records_call(id_number: str) -> Call:
    return Call("GET", "/api/v2/accounts", params={"idCardNo": id_number})


def records(body: Any) -> Records:
    accounts = _data(body)["accounts"]
    if not accounts:
        return Records(AGENCY, False, frozenset())
    details = {"balance": accounts[0]["balance"], "sealed": accounts[0]["accountState"] == "SEALED"}
    return Records(AGENCY, True, frozenset({Fact.HOUSING_FUND_ACCOUNT}), accounts[0]["personName"], details)


def submit_call(request: ItemRequest) -> Call:
    deceased, applicant, account = request.deceased, request.applicant, request.payout_account
    death_certificate = request.death_certificate()
    form = {
        "idCardNo": deceased.id_number,
        "personName": deceased.name,
        "deathDate": deceased.death_date.isoformat(),
        "deathCertNo": death_certificate,
        "reason": "DEATH",
        "heir": {
            "name": applicant.name,
            "idCardNo": applicant.id_number,
            "mobile": applicant.phone,
            "relation": applicant.relationship,
        },
        "bankAccount": {
            "bankName": account.bank_name,
            "accountName": account.account_name,
            "accountNo": account.account_number,
        }
        if account
        else None,
        "notifyUrl": request.callback_url,
        "outBizNo": request.item_id,
        "materials": [m.as_json() for m in request.materials],
    }
    return Call("POST", "/api/v2/withdrawals", json=form)


def submit_outcome(request: ItemRequest, body: Any) -> Outcome:
    if body["status"] == "FAIL" and body["errorCode"] == _NOT_HELD:
        return NoRecord(body["errorMessage"])
    if body["status"] == "FAIL" and body["errorCode"] in _ACTIONABLE:
        return Rejected(body["errorMessage"])
    data = _data(body)
    return Accepted(data["withdrawalNo"], poll_after_seconds=float(data["estimatedSeconds"]))


def status_call(kind: ItemKind, reference: str) -> Call:
    return Call("GET", f"/api/v2/withdrawals/{reference}")


def status_outcome(kind: ItemKind, body: Any) -> Outcome:
    data = _data(body)
    if data["state"] == "PROCESSING":
        return Accepted(data["withdrawalNo"], poll_after_seconds=5.0)
    if data["state"] == "REJECTED":
        return Rejected(data["rejectReason"], data["withdrawalNo"])
    if data["state"] != "PAID":
        raise ValueError(f"unknown state {data['state']!r}")
    amount = Decimal(data["amount"])
    summary = f"住房公积金 {amount} 元已提取至 {data['payeeBank']}，账户已销户"
    extras = {"accountNo": data["accountNo"], "paidAt": data["paidAt"]}
    return Completed(data["withdrawalNo"], ResultData(summary, amount=amount, data=extras))


def refusal_reason(body: Any) -> str:
    return str(body["errorMessage"])
