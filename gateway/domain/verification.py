"""Pre-review (预审): does the application agree with the agencies' records?

An application that checks out may be approved automatically; anything else goes to a clerk
with the reasons listed, never silently refused. The reasons quote the registers, so they are
for the clerk: a family sees them only once its relationship to the deceased is verified
(`relationship_confirmed` here, or a clerk's approval), see gateway/cases/unverified.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from adapters.contract import Records
from adapters.kinds import Agency

NEAR_RELATIVES = frozenset({"SPOUSE", "CHILD", "PARENT", "SIBLING", "GRANDPARENT", "GRANDCHILD"})
REGION_CODE = re.compile(r"[0-9]{6}")


@dataclass(frozen=True)
class Claimed:
    deceased_name: str
    household_region_code: str
    applicant_id_number: str
    relationship: str


def _police(records: Mapping[Agency, Records | None]) -> Records | None:
    police = records.get(Agency.PUBLIC_SECURITY)
    return police if police is not None and police.found else None


def relationship_confirmed(claimed: Claimed, records: Mapping[Agency, Records | None]) -> bool:
    """The household register lists the applicant as a near relative of the deceased."""
    police = _police(records)
    relatives = police.details.get("relatives", []) if police is not None else []
    return claimed.relationship in NEAR_RELATIVES and claimed.applicant_id_number in relatives


def registered_region(records: Mapping[Agency, Records | None]) -> str | None:
    """The deceased's household region as the register gives it; None when it did not say."""
    police = _police(records)
    code = police.details.get("household_region_code") if police is not None else None
    return code if isinstance(code, str) and REGION_CODE.fullmatch(code) else None


def review_reasons(
    claimed: Claimed, records: Mapping[Agency, Records | None], rival_reference: str | None = None
) -> list[str]:
    """Reasons a clerk must look at the application; empty when it checks out. `rival_reference`:
    another application for the same deceased that is already verified (one may proceed, not two)."""
    rival = [f"该逝者已有经核验的其他申请（受理编号 {rival_reference}），不能重复办理"] if rival_reference else []
    police = records.get(Agency.PUBLIC_SECURITY)
    if police is None:
        return ["公安户籍信息暂时无法核验", *rival]
    if not police.found:
        return ["公安户籍系统中未查到逝者的户籍信息", *rival]
    reasons = []
    if police.name is not None and police.name != claimed.deceased_name:
        reasons.append(f"逝者姓名与户籍登记不一致（登记为 {police.name}）")
    if police.details.get("household_region_code") not in (None, claimed.household_region_code):
        reasons.append("户籍地区划代码与户籍登记不一致")
    if not relationship_confirmed(claimed, records):
        reasons.append("申请人与逝者的关系需人工核验（非户籍登记的近亲属）")
    return reasons + rival
