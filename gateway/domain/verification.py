"""Pre-review (预审): does the application agree with the agencies' records?

An application that checks out may be approved automatically; anything else goes to a clerk
with the reasons listed, never silently refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from adapters.contract import Records
from adapters.kinds import Agency

NEAR_RELATIVES = frozenset({"SPOUSE", "CHILD", "PARENT", "SIBLING", "GRANDPARENT", "GRANDCHILD"})


@dataclass(frozen=True)
class Claimed:
    deceased_name: str
    household_region_code: str
    applicant_id_number: str
    relationship: str


def review_reasons(claimed: Claimed, records: Mapping[Agency, Records | None]) -> list[str]:
    """Reasons a clerk must look at the application; empty when it checks out."""
    police = records.get(Agency.PUBLIC_SECURITY)
    if police is None:
        return ["公安户籍信息暂时无法核验"]
    if not police.found:
        return ["公安户籍系统中未查到逝者的户籍信息"]
    reasons = []
    if police.name is not None and police.name != claimed.deceased_name:
        reasons.append(f"逝者姓名与户籍登记不一致（登记为 {police.name}）")
    if police.details.get("household_region_code") not in (None, claimed.household_region_code):
        reasons.append("户籍地区划代码与户籍登记不一致")
    relatives = police.details.get("relatives", [])
    if claimed.relationship not in NEAR_RELATIVES or claimed.applicant_id_number not in relatives:
        reasons.append("申请人与逝者的关系需人工核验（非户籍登记的近亲属）")
    return reasons
