"""卫生健康 (HEALTH) at /weijian: 居民死亡医学证明. Envelope {"code": "0000", "msg", "data"}."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from adapters.contract import Accepted, CertificateData, Completed, ItemRequest, NoRecord, Outcome, Records, ResultData
from adapters.kinds import Agency, CertificateKind, Fact, ItemKind
from adapters.spec import Call

AGENCY = Agency.HEALTH
SLUG = "weijian"
TIMEOUT_SECONDS = 5.0
_OK = "0000"


def _data(body: Any) -> Any:
    if body["code"] != _OK:
        raise ValueError(f"code {body['code']}: {body['msg']}")
    return body["data"]


def records_call(id_number: str) -> Call:
    return Call("GET", "/api/swzm/ryxx", params={"sfzhm": id_number})


def records(body: Any) -> Records:
    data = _data(body)
    in_hospital = data["yljgsw"] == "1"
    details = {"death_date": data["swrq"], "certificate_number": data["zmbh"]} if data["swrq"] else {}
    facts = frozenset({Fact.DIED_IN_MEDICAL_INSTITUTION}) if in_hospital else frozenset()
    return Records(AGENCY, True, facts, name=data["xm"], details=details)


def submit_call(request: ItemRequest) -> Call:
    deceased, applicant = request.deceased, request.applicant
    form = {
        "sqlx": "YXSWZM",
        "swzxm": deceased.name,
        "swzsfzhm": deceased.id_number,
        "swrq": deceased.death_date.isoformat(),
        "swdd": deceased.death_place,
        "yljgsw": "1" if deceased.died_in_medical_institution else "0",
        "sqrxm": applicant.name,
        "sqrsfzhm": applicant.id_number,
        "sqrlxdh": applicant.phone,
        "sqrgx": applicant.relationship,
        "wbywh": request.item_id,
        "fj": [m.as_json() for m in request.materials],  # 附件: e.g. the family's account of a death at home
    }
    return Call("POST", "/api/swzm/sq", json=form)


def submit_outcome(request: ItemRequest, body: Any) -> Outcome:
    return status_outcome(request.kind, body)


def status_call(kind: ItemKind, reference: str) -> Call:
    return Call("GET", f"/api/swzm/jd/{reference}")


def status_outcome(kind: ItemKind, body: Any) -> Outcome:
    if body["code"] == "4041":
        return NoRecord(body["msg"])
    data = _data(body)
    if data["blzt"] == "SLZ":
        return Accepted(data["slbh"], poll_after_seconds=float(data["yjsj"]))
    certificate = _certificate(data["zs"])
    summary = f"已出具《居民死亡医学证明》，编号 {certificate.number}，死亡日期 {certificate.death_date}"
    result = ResultData(summary, effective_date=certificate.death_date, data={"issuer": certificate.issuer})
    return Completed(data["slbh"], result, certificate)


def _certificate(issued: Any) -> CertificateData:
    return CertificateData(
        kind=CertificateKind.MEDICAL_DEATH_CERTIFICATE,
        number=issued["zsbh"],
        issuer=issued["qfjg"],
        issued_at=datetime.fromisoformat(issued["qfsj"]),
        holder_name=issued["swzxm"],
        verification_code=issued["yzm"],
        death_date=date.fromisoformat(issued["swrq"]),
    )


def refusal_reason(body: Any) -> str:
    return str(body["msg"])
