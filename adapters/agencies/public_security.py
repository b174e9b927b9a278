"""公安 (PUBLIC_SECURITY) at /gongan: 户口注销, 驾驶证注销, 非正常死亡证明. Flat pinyin bodies, the
family's papers as 附件 (fj); a cancellation says whether the card or licence was handed in (zjjh)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from adapters.contract import (
    Accepted,
    CertificateData,
    Completed,
    ItemRequest,
    NoRecord,
    Outcome,
    Records,
    ResultData,
)
from adapters.kinds import Agency, CertificateKind, Fact, ItemKind
from adapters.spec import Call

AGENCY = Agency.PUBLIC_SECURITY
SLUG = "gongan"
TIMEOUT_SECONDS = 5.0
CODES = {
    ItemKind.HUKOU_CANCELLATION: "HKZX",
    ItemKind.DRIVING_LICENCE_CANCELLATION: "JSZZX",
    ItemKind.ABNORMAL_DEATH_CERTIFICATE: "FZCSWZM",
}
_CST = timezone(timedelta(hours=8))
_DONE = {"HKZX": "户口已注销", "JSZZX": "机动车驾驶证已注销"}


def _time(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=_CST)


def records_call(id_number: str) -> Call:
    return Call("GET", "/hjxx/cx", params={"gmsfhm": id_number})


def records(body: Any) -> Records:
    facts = {Fact.HOUSEHOLD_REGISTERED} if body["hjzt"] == "正常" else set()
    if body["jszh"]:
        facts.add(Fact.DRIVING_LICENCE)
    details = {
        "household_region_code": str(body["ssxqdm"]),
        "relatives": [str(relative["gmsfhm"]) for relative in body["jqs"]],
        "address": body["hjdz"],
    }
    return Records(AGENCY, True, frozenset(facts), name=body["xm"], details=details)


def submit_call(request: ItemRequest) -> Call:
    deceased, applicant = request.deceased, request.applicant
    form = {
        "ywlx": CODES[request.kind],
        "gmsfhm": deceased.id_number,
        "xm": deceased.name,
        "swrq": deceased.death_date.isoformat(),
        "swdd": deceased.death_place,
        "swzmbh": request.death_certificate(),
        "sqr": {
            "xm": applicant.name,
            "gmsfhm": applicant.id_number,
            "lxdh": applicant.phone,
            "gx": applicant.relationship,
        },
        "ywid": request.item_id,
        "fj": [m.as_json() for m in request.materials],
    }
    if request.kind == ItemKind.ABNORMAL_DEATH_CERTIFICATE:
        # 二: certified by the station of the household "或事发所在地": the station where it happened
        form["sfdqh"] = deceased.incident_region_code or deceased.household_region_code
    return Call("POST", "/ywsl", json=form)


def submit_outcome(request: ItemRequest, body: Any) -> Outcome:
    return status_outcome(request.kind, body)


def status_call(kind: ItemKind, reference: str) -> Call:
    return Call("GET", f"/ywsl/{reference}")


def status_outcome(kind: ItemKind, body: Any) -> Outcome:
    state = body["jg"]
    if state == "WJL":
        return NoRecord(body["cwxx"])
    if state == "SL":
        return Accepted(body["slh"], poll_after_seconds=float(body["yjsj"]))
    if state != "BJ":
        raise ValueError(f"unknown jg {state!r}")
    if "zm" in body:
        return _certificate_issued(body)
    return Completed(body["slh"], _cancelled(body))


def _cancelled(body: Any) -> ResultData:
    # the family sees whether the card or licence was taken back or declared void: it never blocks
    summary = f"{_DONE[body['ywlx']]}（{body['blpcs']}，注销日期 {body['zxrq']}）；{body['zjjhsm']}"
    extras = {"station": body["blpcs"], "returned": body["zjjh"] == "1"}
    return ResultData(summary, effective_date=date.fromisoformat(body["zxrq"]), data=extras)


def _certificate_issued(body: Any) -> Completed:
    issued = body["zm"]
    certificate = CertificateData(
        kind=CertificateKind.ABNORMAL_DEATH_CERTIFICATE,
        number=issued["zmbh"],
        issuer=issued["kjdw"],
        issued_at=_time(issued["kjsj"]),
        holder_name=issued["swzxm"],
        verification_code=issued["yzm"],
        death_date=date.fromisoformat(issued["swrq"]),
    )
    summary = f"{certificate.issuer}已出具《非正常死亡证明》，编号 {certificate.number}"
    return Completed(body["slh"], ResultData(summary, effective_date=certificate.death_date), certificate)


def refusal_reason(body: Any) -> str:
    return str(body["cwxx"])
