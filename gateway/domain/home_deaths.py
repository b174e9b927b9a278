"""Deaths outside a hospital (plan 二): the committee reports, the health centre confirms, then the
medical death certificate may be issued.

"在非医疗机构正常死亡的，由所在村(居)委会将相关信息通过联办平台，推送至本辖区社区卫生服务机构或
乡镇卫生院，平台同步通知经办人员，第一时间与死亡人员家属进行确认，完成后及时在线开具". Pure rules:
who may report where, how a report is decided (confirmed, or closed unconfirmed: withdrawn by the
committee that filed it, or declined by the health centre, each with a reason), and what an
unconfirmed report holds back.
"""

from __future__ import annotations

from enum import StrEnum

from adapters.kinds import ItemKind


class HomeDeathStatus(StrEnum):
    REPORTED = "REPORTED"  # the committee reported it; the health centre has yet to confirm with the family
    CONFIRMED = "CONFIRMED"  # confirmed with the family: the certificate may be issued
    WITHDRAWN = "WITHDRAWN"  # the committee that filed it took it back (filed in error, the wrong person)
    DECLINED = "DECLINED"  # the health centre could not confirm it (family unreachable, not a death at home)


# A report is decided once: confirmed, or closed without a certificate. A confirmed report stands,
# since the certificate may have been issued on it already.
CLOSED = frozenset({HomeDeathStatus.WITHDRAWN, HomeDeathStatus.DECLINED})
MAX_REASON = 500


MESSAGES: dict[str, str] = {
    "OUTSIDE_YOUR_REGION": "该逝者的居住地不在您所在村(居)委会的辖区内",
    "ALREADY_CONFIRMED": "该报告已确认，不能再更改",
    "REPORT_CLOSED": "该报告已撤回或已退回，不能再办理",
    "NOT_YOUR_REPORT": "只有上报该报告的村(居)委会可以撤回",
    "REASON_REQUIRED": f"请填写原因（不超过 {MAX_REASON} 个字符）",
    "NOT_A_HOME_DEATH": "关联了村(居)委会报告的申请应为在非医疗机构正常死亡",
    "NOT_THE_REPORTED_PERSON": "逝者身份证号码与村(居)委会报告不一致",
}


def covers(committee_region: str | None, region_code: str) -> bool:
    """A committee reports deaths of its own area only; a token without a region covers nothing."""
    return committee_region is not None and region_code.startswith(committee_region)


def decision_problem(status: HomeDeathStatus) -> str | None:
    """Confirming, withdrawing and declining each decide a report still awaiting its decision."""
    if status == HomeDeathStatus.CONFIRMED:
        return "ALREADY_CONFIRMED"
    return "REPORT_CLOSED" if status in CLOSED else None


def withdrawal_problem(status: HomeDeathStatus, *, by_its_reporter: bool) -> str | None:
    """Only the committee account that filed a report takes it back; a colleague of the region may not."""
    return decision_problem(status) if by_its_reporter else "NOT_YOUR_REPORT"


def reason_problem(reason: str) -> str | None:
    """Closing a report unconfirmed tells the family and the clerk why: a reason is required."""
    return "REASON_REQUIRED" if not reason.strip() or len(reason) > MAX_REASON else None


def link_problem(
    *, normal_death: bool, died_in_medical_institution: bool, same_person: bool, closed: bool = False
) -> str | None:
    """An application may take over a report only for the death it reports (at home, normal, the
    same person), and only while the report stands."""
    if closed:
        return "REPORT_CLOSED"
    if not normal_death or died_in_medical_institution:
        return "NOT_A_HOME_DEATH"
    return None if same_person else "NOT_THE_REPORTED_PERSON"


def held_back(linked: bool, confirmed: bool) -> frozenset[ItemKind]:
    """Items that wait although their prerequisites are met: the medical death certificate of a
    reported home death, until the health centre has confirmed with the family."""
    return frozenset({ItemKind.MEDICAL_DEATH_CERTIFICATE}) if linked and not confirmed else frozenset()
