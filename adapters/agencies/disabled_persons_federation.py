"""残疾人联合会 (DISABLED_PERSONS_FEDERATION) at /canlian: 残疾人证注销. Envelope {"code": int,
"msg", "data"}, pinyin fields, the family's papers as 附件 (fj); cancelled at once, saying whether
the card was handed in (sfjh)."""

from __future__ import annotations

from datetime import date
from typing import Any

from adapters.contract import Completed, ItemRequest, NoRecord, Outcome, Records, ResultData
from adapters.kinds import Agency, Fact, ItemKind
from adapters.spec import Call

AGENCY = Agency.DISABLED_PERSONS_FEDERATION
SLUG = "canlian"
TIMEOUT_SECONDS = 5.0
_OK, _NOT_HELD = 0, 1001


def _data(body: Any) -> Any:
    if body["code"] != _OK:
        raise ValueError(f"code {body['code']}: {body['msg']}")
    return body["data"]


def records_call(id_number: str) -> Call:
    return Call("GET", "/cjr/query", params={"sfz": id_number})


def records(body: Any) -> Records:
    if body["code"] == _NOT_HELD:
        return Records(AGENCY, False, frozenset())
    card = _data(body)
    facts = frozenset({Fact.DISABILITY_CERTIFICATE}) if card["zjzt"] == "有效" else frozenset()
    details = {"card_number": card["cjrzh"], "category": card["cjlb"], "grade": card["cjdj"]}
    return Records(AGENCY, True, facts, name=card["xm"], details=details)


def submit_call(request: ItemRequest) -> Call:
    deceased, applicant = request.deceased, request.applicant
    death_certificate = request.death_certificate()
    form = {
        "sfz": deceased.id_number,
        "xm": deceased.name,
        "swrq": deceased.death_date.isoformat(),
        "swzmbh": death_certificate,
        "jbr": {"xm": applicant.name, "sfz": applicant.id_number, "dh": applicant.phone, "gx": applicant.relationship},
        "lsh": request.item_id,
        "fj": [m.as_json() for m in request.materials],
    }
    return Call("POST", "/cjr/zhuxiao", json=form)


def submit_outcome(request: ItemRequest, body: Any) -> Outcome:
    return status_outcome(request.kind, body)


def status_call(kind: ItemKind, reference: str) -> Call:
    return Call("GET", f"/cjr/zhuxiao/{reference}")


def status_outcome(kind: ItemKind, body: Any) -> Outcome:
    if body["code"] == _NOT_HELD:
        return NoRecord(body["msg"])
    done = _data(body)
    if done["zt"] != "YZX":
        raise ValueError(f"unknown zt {done['zt']!r}")
    stop_from = date.fromisoformat(done["dyzzrq"])
    summary = f"残疾人证 {done['cjrzh']} 已注销，残疾人待遇自 {stop_from} 起终止（{done['bljg']}）；{done['jhsm']}"
    extras = {"cardNumber": done["cjrzh"], "cancelledOn": done["zxrq"], "returned": done["sfjh"]}
    return Completed(done["zxbh"], ResultData(summary, effective_date=stop_from, data=extras))


def refusal_reason(body: Any) -> str:
    return str(body["msg"])
