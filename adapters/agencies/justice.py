"""司法 (JUSTICE) at /sifa: 遗嘱公证信息核查. Envelope {"status": int, "message", "result"},
pinyin fields; accepted, then polled."""

from __future__ import annotations

from typing import Any

from adapters.contract import Accepted, Completed, ItemRequest, NoRecord, Outcome, Records, Rejected, ResultData
from adapters.kinds import Agency, Fact, ItemKind
from adapters.spec import Call

AGENCY = Agency.JUSTICE
SLUG = "sifa"
TIMEOUT_SECONDS = 5.0
_OK, _NOT_HELD, _REFUSED = 0, 1, 2  # refused: the office says why (a paper it lacks)


def _result(body: Any) -> Any:
    if body["status"] != _OK:
        raise ValueError(f"status {body['status']}: {body['message']}")
    return body["result"]


def records_call(id_number: str) -> Call:
    return Call("GET", "/gzxx/yz", params={"zjhm": id_number})


def records(body: Any) -> Records:
    wills = _result(body)["yzgz"]
    facts = frozenset({Fact.NOTARIZED_WILL}) if wills else frozenset()
    details = {"notary_offices": [will["gzjg"] for will in wills]}
    return Records(AGENCY, True, facts, name=_result(body)["xm"], details=details)


def submit_call(request: ItemRequest) -> Call:
    deceased, applicant = request.deceased, request.applicant
    death_certificate = request.death_certificate()
    form = {
        "zjhm": deceased.id_number,
        "xm": deceased.name,
        "swrq": deceased.death_date.isoformat(),
        "swzmbh": death_certificate,
        "sqr": {"xm": applicant.name, "zjhm": applicant.id_number, "dh": applicant.phone, "gx": applicant.relationship},
        "wbbh": request.item_id,
        "fj": [
            m.as_json() for m in request.materials
        ],  # 附件: the heir's proof of relationship (needed unless on the register)
    }
    return Call("POST", "/gzxx/hcsq", json=form)


def submit_outcome(request: ItemRequest, body: Any) -> Outcome:
    if body["status"] == _NOT_HELD:
        return NoRecord(body["message"])
    if body["status"] == _REFUSED:
        return Rejected(body["message"])
    accepted = _result(body)
    return Accepted(accepted["hcbh"], poll_after_seconds=float(accepted["yjsc"]))


def status_call(kind: ItemKind, reference: str) -> Call:
    return Call("GET", f"/gzxx/hcsq/{reference}")


def status_outcome(kind: ItemKind, body: Any) -> Outcome:
    check = _result(body)
    if check["zt"] == "HCZ":
        return Accepted(check["hcbh"], poll_after_seconds=3.0)
    if check["zt"] != "WC":
        raise ValueError(f"unknown zt {check['zt']!r}")
    found = check["hcjg"]
    summary = found["sm"] + (f"：{found['gzjg']} {found['gzsbh']}（{found['gzrq']}）" if found["ygyz"] else "")
    extras = {key: found[key] for key in ("gzjg", "gzsbh", "gzrq") if key in found} | {"hasWill": found["ygyz"]}
    return Completed(check["hcbh"], ResultData(summary, data=extras))


def refusal_reason(body: Any) -> str:
    return str(body["message"])
