"""Deaths outside a hospital (plan 二): the committee reports, the health centre confirms, then the
medical death certificate may be issued.

"在非医疗机构正常死亡的，由所在村(居)委会将相关信息通过联办平台，推送至本辖区社区卫生服务机构或
乡镇卫生院，平台同步通知经办人员，第一时间与死亡人员家属进行确认，完成后及时在线开具". Pure rules:
who may report where, the one transition, and what an unconfirmed report holds back.
"""

from __future__ import annotations

from enum import StrEnum

from adapters.kinds import ItemKind


class HomeDeathStatus(StrEnum):
    REPORTED = "REPORTED"  # the committee reported it; the health centre has yet to confirm with the family
    CONFIRMED = "CONFIRMED"  # confirmed with the family: the certificate may be issued


MESSAGES: dict[str, str] = {
    "OUTSIDE_YOUR_REGION": "该逝者的居住地不在您所在村(居)委会的辖区内",
    "ALREADY_CONFIRMED": "该报告已确认，无需重复确认",
    "NOT_A_HOME_DEATH": "关联了村(居)委会报告的申请应为在非医疗机构正常死亡",
    "NOT_THE_REPORTED_PERSON": "逝者身份证号码与村(居)委会报告不一致",
}


def covers(committee_region: str | None, region_code: str) -> bool:
    """A committee reports deaths of its own area only; a token without a region covers nothing."""
    return committee_region is not None and region_code.startswith(committee_region)


def confirmation_problem(status: HomeDeathStatus) -> str | None:
    return "ALREADY_CONFIRMED" if status == HomeDeathStatus.CONFIRMED else None


def link_problem(*, normal_death: bool, died_in_medical_institution: bool, same_person: bool) -> str | None:
    """An application may take over a report only for the death it reports: at home, normal, the same person."""
    if not normal_death or died_in_medical_institution:
        return "NOT_A_HOME_DEATH"
    return None if same_person else "NOT_THE_REPORTED_PERSON"


def held_back(linked: bool, confirmed: bool) -> frozenset[ItemKind]:
    """Items that wait although their prerequisites are met: the medical death certificate of a
    reported home death, until the health centre has confirmed with the family."""
    return frozenset({ItemKind.MEDICAL_DEATH_CERTIFICATE}) if linked and not confirmed else frozenset()
