"""金融监管 / 银行 (FINANCIAL_REGULATION) at /yinhang: heirs' small-deposit withdrawal. Envelope
{"respCode": "000000", "respMsg", "data"}, camelCase English. Answers by call-back; a deposit over
the 50,000-yuan limit is refused with HTTP 422 (succession notarization needed), as is an heir the
register does not show without proof of the relationship among the `attachments`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from adapters.contract import Accepted, Completed, ItemRequest, NoRecord, Outcome, Records, ResultData
from adapters.kinds import Agency, Fact, ItemKind
from adapters.spec import Call

AGENCY = Agency.FINANCIAL_REGULATION
SLUG = "yinhang"
TIMEOUT_SECONDS = 8.0
_OK, _NOT_HELD = "000000", "100404"


def _data(body: Any) -> Any:
    if body["respCode"] != _OK:
        raise ValueError(f"respCode {body['respCode']}: {body['respMsg']}")
    return body["data"]


def records_call(id_number: str) -> Call:
    return Call("POST", "/deposit/query", json={"certType": "01", "certNo": id_number})


def records(body: Any) -> Records:
    if body["respCode"] == _NOT_HELD:
        return Records(AGENCY, False, frozenset())
    data = _data(body)
    facts = frozenset({Fact.DEPOSITS}) if data["deposits"] else frozenset()
    banks = [{"bank": deposit["bankName"], "balance": deposit["balance"]} for deposit in data["deposits"]]
    return Records(AGENCY, True, facts, data["customerName"], {"banks": banks, "total": data["totalBalance"]})


def submit_call(request: ItemRequest) -> Call:
    deceased, applicant, account = request.deceased, request.applicant, request.payout_account
    death_certificate = request.death_certificate()
    form = {
        "certNo": deceased.id_number,
        "customerName": deceased.name,
        "deathDate": deceased.death_date.isoformat(),
        "deathCertNo": death_certificate,
        "heir": {
            "name": applicant.name,
            "certNo": applicant.id_number,
            "mobile": applicant.phone,
            "relation": applicant.relationship,
        },
        "payee": {
            "bankName": account.bank_name,
            "accountName": account.account_name,
            "accountNo": account.account_number,
        }
        if account
        else None,
        "callbackUrl": request.callback_url,
        "bizSeq": request.item_id,
        "attachments": [m.as_json() for m in request.materials],
    }
    return Call("POST", "/deposit/small-withdrawal", json=form)


def submit_outcome(request: ItemRequest, body: Any) -> Outcome:
    if body["respCode"] == _NOT_HELD:
        return NoRecord(body["respMsg"])
    data = _data(body)
    return Accepted(data["applyNo"], poll_after_seconds=float(data["estimatedSeconds"]))


def status_call(kind: ItemKind, reference: str) -> Call:
    return Call("GET", f"/deposit/small-withdrawal/{reference}")


def status_outcome(kind: ItemKind, body: Any) -> Outcome:
    data = _data(body)
    if data["state"] == "ACCEPTED":
        return Accepted(data["applyNo"], poll_after_seconds=5.0)
    if data["state"] != "SUCCESS":
        raise ValueError(f"unknown state {data['state']!r}")
    amount = Decimal(data["totalAmount"])
    banks = "、".join(f"{detail['bankName']} {detail['amount']} 元" for detail in data["details"])
    summary = f"已故存款人小额存款共 {amount} 元已转入 {data['payeeBank']}（{banks}）"
    referred = data.get("referred") or []
    if referred:  # banks whose deposits exceed the limit: the family is told what to do there
        summary += "；" + "；".join(str(r["reason"]) for r in referred)
    extras = {"details": data["details"], "referred": referred, "finishTime": data["finishTime"]}
    return Completed(data["applyNo"], ResultData(summary, amount=amount, data=extras))


def refusal_reason(body: Any) -> str:
    return str(body["respMsg"])
