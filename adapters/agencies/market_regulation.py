"""市场监管 (MARKET_REGULATION) at /shijian: heirs' equity-registration query. Flat camelCase
English in the enterprise-credit style (entName, uniscid, subConAm in 万元), the family's papers as
`attachments`; answered at once."""

from __future__ import annotations

from typing import Any

from adapters.contract import Completed, ItemRequest, NoRecord, Outcome, Records, ResultData
from adapters.kinds import Agency, Fact, ItemKind
from adapters.spec import Call

AGENCY = Agency.MARKET_REGULATION
SLUG = "shijian"
TIMEOUT_SECONDS = 5.0


def records_call(id_number: str) -> Call:
    return Call("GET", f"/equity/holders/{id_number}")


def records(body: Any) -> Records:
    holdings = body["holdings"]
    facts = frozenset({Fact.SHAREHOLDINGS}) if holdings else frozenset()
    details = {"companies": [holding["entName"] for holding in holdings]}
    return Records(AGENCY, True, facts, name=body["name"], details=details)


def submit_call(request: ItemRequest) -> Call:
    deceased, applicant = request.deceased, request.applicant
    death_certificate = request.death_certificate()
    form = {
        "certNo": deceased.id_number,
        "name": deceased.name,
        "deathDate": deceased.death_date.isoformat(),
        "deathCertNo": death_certificate,
        "requester": {
            "name": applicant.name,
            "certNo": applicant.id_number,
            "phone": applicant.phone,
            "relation": applicant.relationship,
        },
        "bizId": request.item_id,
        "attachments": [m.as_json() for m in request.materials],
    }
    return Call("POST", "/equity/inquiries", json=form)


def submit_outcome(request: ItemRequest, body: Any) -> Outcome:
    return status_outcome(request.kind, body)


def status_call(kind: ItemKind, reference: str) -> Call:
    return Call("GET", f"/equity/inquiries/{reference}")


def status_outcome(kind: ItemKind, body: Any) -> Outcome:
    if body["state"] == "NO_SUBJECT":
        return NoRecord(body["message"])
    if body["state"] != "FINISHED":
        raise ValueError(f"unknown state {body['state']!r}")
    holdings = [
        {"company": h["entName"], "creditCode": h["uniscid"], "capital": f"{h['subConAm']}万元", "ratio": h["conProp"]}
        for h in body["holdings"]
    ]
    listed = "；".join(f"{h['company']}（出资 {h['capital']}，占比 {h['ratio']}）" for h in holdings)
    summary = f"查询到 {len(holdings)} 条股权登记：{listed}" if holdings else "未查询到逝者名下的股权登记"
    return Completed(body["inquiryNo"], ResultData(summary, data={"holdings": holdings}))


def refusal_reason(body: Any) -> str:
    return str(body["errorMsg"])
