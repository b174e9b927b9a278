"""民政 (CIVIL_AFFAIRS) at /minzheng: funeral certificates and the ends of assistance and subsidies.
Envelope {"success", "errCode", "errMsg", "data"}; accepted for review, then polled. The family's
papers go as 材料列表 (cllb); a certificate refused for a paper it lacks is errCode CLBQ."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from adapters.contract import (
    Accepted,
    CertificateData,
    Completed,
    ItemRequest,
    NoRecord,
    Outcome,
    Records,
    Rejected,
    ResultData,
)
from adapters.kinds import Agency, CertificateKind, Fact, ItemKind
from adapters.spec import Call

AGENCY = Agency.CIVIL_AFFAIRS
SLUG = "minzheng"
TIMEOUT_SECONDS = 5.0
CODES = {
    ItemKind.CREMATION_CERTIFICATE: "HHZ",
    ItemKind.GRAVE_USE_CERTIFICATE: "MWSYZ",
    ItemKind.BURIAL_CERTIFICATE: "AZZM",
    ItemKind.SOCIAL_ASSISTANCE_TERMINATION: "SHJZZZ",
    ItemKind.ELDERLY_SUBSIDY_TERMINATION: "LNBTZZ",
    ItemKind.DISABILITY_SUBSIDY_TERMINATION: "CJBTZZ",
}
_STOPS = {"SHJZZZ": "社会救助", "LNBTZZ": "老年人福利补贴", "CJBTZZ": "困难残疾人生活补贴和重度残疾人护理补贴"}
_NOT_HELD = "E404"
_INCOMPLETE = "CLBQ"  # 材料不全: the grave contract or the burial-place statement, which the family can attach


def records_call(id_number: str) -> Call:
    return Call("GET", f"/mzyw/ryxx/{id_number}")


def records(body: Any) -> Records:
    if not body["success"]:
        if body["errCode"] != _NOT_HELD:
            raise ValueError(f"{body['errCode']}: {body['errMsg']}")
        return Records(AGENCY, False, frozenset())
    data = body["data"]
    held = {
        Fact.GRAVE_RESERVED: data["mwyd"],
        Fact.SOCIAL_ASSISTANCE: data["jzlb"],
        Fact.ELDERLY_SUBSIDY: data["lnbt"],
        Fact.DISABILITY_SUBSIDY: data["cjbt"],
    }
    facts = frozenset(fact for fact, value in held.items() if value)
    details = {"cemetery": data["mwyd"], "assistance": data["jzlb"]} if data["mwyd"] or data["jzlb"] else {}
    return Records(AGENCY, True, facts, name=data["xm"], details=details)


def submit_call(request: ItemRequest) -> Call:
    deceased, applicant = request.deceased, request.applicant
    death_certificate = request.death_certificate()
    form = {
        "sxbm": CODES[request.kind],
        "sfzh": deceased.id_number,
        "xm": deceased.name,
        "swrq": deceased.death_date.isoformat(),
        "czfs": "HH" if deceased.disposal == "CREMATION" else "TZ",
        "swzmbh": death_certificate,
        "hhzbh": request.certificate(CertificateKind.CREMATION_CERTIFICATE),
        "sqrxm": applicant.name,
        "sqrsfzh": applicant.id_number,
        "sqrdh": applicant.phone,
        "wbywh": request.item_id,
        "cllb": [m.as_json() for m in request.materials],
    }
    return Call("POST", "/mzyw/banjian", json=form)


def submit_outcome(request: ItemRequest, body: Any) -> Outcome:
    if not body["success"] and body["errCode"] == _INCOMPLETE:
        return Rejected(body["errMsg"])
    return status_outcome(request.kind, body)


def status_call(kind: ItemKind, reference: str) -> Call:
    return Call("GET", f"/mzyw/banjian/{reference}")


def status_outcome(kind: ItemKind, body: Any) -> Outcome:
    if not body["success"]:
        if body["errCode"] != _NOT_HELD:
            raise ValueError(f"{body['errCode']}: {body['errMsg']}")
        return NoRecord(body["errMsg"])
    data = body["data"]
    if data["zt"] == "SHZ":
        return Accepted(data["bjbh"], poll_after_seconds=float(data["ddsj"]))
    if data["zt"] != "BJ":
        raise ValueError(f"unknown zt {data['zt']!r}")
    if "zsbh" in data["jg"]:
        return _certificate_issued(kind, data)
    return _stopped(data)


def _certificate_issued(kind: ItemKind, data: Any) -> Completed:
    issued = data["jg"]
    certificate = CertificateData(
        kind=CertificateKind(kind.value),
        number=issued["zsbh"],
        issuer=issued["fzjg"],
        issued_at=datetime.fromisoformat(issued["fzsj"]),
        holder_name=issued["czr"],
        verification_code=issued["yzm"],
    )
    summary = f"{certificate.issuer}已出具《{issued['zslx']}》，编号 {certificate.number}"
    return Completed(data["bjbh"], ResultData(summary), certificate)


def _stopped(data: Any) -> Completed:
    outcome = data["jg"]
    stop_from = date.fromisoformat(outcome["zzrq"])
    what = outcome["jzlb"] or _STOPS[data["sxbm"]]
    monthly = Decimal(outcome["yffje"]) if outcome["yffje"] else None
    summary = f"{what}自 {stop_from} 起终止发放（{outcome['bljg']}）"
    return Completed(data["bjbh"], ResultData(summary, effective_date=stop_from, data={"monthly": str(monthly)}))


def refusal_reason(body: Any) -> str:
    return str(body["errMsg"])
