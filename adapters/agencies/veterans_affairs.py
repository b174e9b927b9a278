"""退役军人事务 (VETERANS_AFFAIRS) at /tuiyi: settlement on death. Flat camelCase English, the
family's papers as `documents`; settled at once, saying whether the deceased's cards were handed in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from adapters.contract import Completed, ItemRequest, NoRecord, Outcome, Records, ResultData
from adapters.kinds import Agency, Fact, ItemKind
from adapters.spec import Call

AGENCY = Agency.VETERANS_AFFAIRS
SLUG = "tuiyi"
TIMEOUT_SECONDS = 5.0


def records_call(id_number: str) -> Call:
    return Call("GET", f"/veterans/{id_number}")


def records(body: Any) -> Records:
    facts = frozenset({Fact.VETERAN}) if body["status"] == "ACTIVE" else frozenset()
    return Records(AGENCY, True, facts, name=body["name"], details={"category": body["category"]})


def submit_call(request: ItemRequest) -> Call:
    deceased, applicant = request.deceased, request.applicant
    death_certificate = request.death_certificate()
    form = {
        "idNumber": deceased.id_number,
        "name": deceased.name,
        "deathDate": deceased.death_date.isoformat(),
        "deathCertificateNo": death_certificate,
        "applicant": {
            "name": applicant.name,
            "idNumber": applicant.id_number,
            "phone": applicant.phone,
            "relationship": applicant.relationship,
        },
        "externalId": request.item_id,
        "documents": [m.as_json() for m in request.materials],
    }
    if (account := request.payout_account) is not None:  # for a funeral allowance the record entitles to
        form["payee"] = {
            "bankName": account.bank_name,
            "accountName": account.account_name,
            "accountNo": account.account_number,
        }
    return Call("POST", "/settlements", json=form)


def submit_outcome(request: ItemRequest, body: Any) -> Outcome:
    return status_outcome(request.kind, body)


def status_call(kind: ItemKind, reference: str) -> Call:
    return Call("GET", f"/settlements/{reference}")


def status_outcome(kind: ItemKind, body: Any) -> Outcome:
    if body["status"] == "NOT_ELIGIBLE":
        return NoRecord(body["message"])
    if body["status"] != "DONE":
        raise ValueError(f"unknown status {body['status']!r}")
    stop_from = date.fromisoformat(body["stopFrom"])
    extras = {"category": body["category"], "lastPaidMonth": body["lastPaidMonth"], "office": body["office"]}
    extras["returned"] = body["documentsReturned"]
    if body.get("funeralAllowance") and body.get("paidTo"):
        allowance = Decimal(body["funeralAllowance"])
        extras |= {"funeralAllowance": body["funeralAllowance"], "paidTo": body["paidTo"]}
        return Completed(
            body["settlementNo"], ResultData(body["message"], amount=allowance, effective_date=stop_from, data=extras)
        )
    return Completed(body["settlementNo"], ResultData(body["message"], effective_date=stop_from, data=extras))


def refusal_reason(body: Any) -> str:
    return str(body["message"])
