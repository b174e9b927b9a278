"""A home-death report closed without a certificate (plan 二): the committee that filed it withdraws
it (filed in error, the wrong person), or the health centre declines it (the family could not be
reached, the death was not at home). Each case that took the report over is told why on its
timeline and its family by SMS, no longer waits for that report, and goes to a clerk's pre-review
if it was under way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from gateway.cases.home_deaths import cases_of, visible
from gateway.cases.timeline import SYSTEM, record
from gateway.dispatch.notices import announce
from gateway.domain import home_deaths
from gateway.domain.home_deaths import HomeDeathStatus
from gateway.domain.notices import home_death_not_confirmed
from gateway.domain.status import CaseStatus
from gateway.domain.transitions import move_case
from gateway.errors import Forbidden, Problem, Refused, not_found
from gateway.security.policy import CONFIRMS_HOME_DEATHS, accountable_name, permit
from gateway.security.tokens import Principal, Role
from gateway.services import Services
from gateway.store.family_rows import HomeDeathReportRow
from gateway.store.models import CaseRow

CERTIFICATE = "MEDICAL_DEATH_CERTIFICATE"
WHY = {
    HomeDeathStatus.WITHDRAWN: "村(居)委会已撤回居家死亡报告（{reason}）",
    HomeDeathStatus.DECLINED: "社区卫生服务机构（乡镇卫生院）未能确认居家死亡报告（{reason}）",
}
THEN = "，死亡医学证明不再依该报告开具，请综合窗口与家属核实死亡情况"


async def withdraw(services: Services, principal: Principal | None, report_id: str, reason: str) -> HomeDeathReportRow:
    """The committee account that filed the report takes it back (an admin may, for it)."""
    principal = permit(principal, "withdrawHomeDeathReport")

    def problem(row: HomeDeathReportRow) -> str | None:
        mine = principal.role == Role.ADMIN or row.reported_by == accountable_name(principal, services.db.keyring)
        return home_deaths.withdrawal_problem(HomeDeathStatus(row.status), by_its_reporter=mine)

    return await _close(services, principal, report_id, reason, HomeDeathStatus.WITHDRAWN, problem)


async def decline(services: Services, principal: Principal | None, report_id: str, reason: str) -> HomeDeathReportRow:
    """The health centre could not confirm the death with the family: it says why."""
    principal = permit(principal, "declineHomeDeath")
    if principal.role == Role.AGENCY and principal.agency != CONFIRMS_HOME_DEATHS:
        raise Forbidden("仅卫生健康部门可退回居家死亡报告 (only the health agency declines home-death reports)")

    def problem(row: HomeDeathReportRow) -> str | None:
        return home_deaths.decision_problem(HomeDeathStatus(row.status))

    return await _close(services, principal, report_id, reason, HomeDeathStatus.DECLINED, problem)


async def _close(
    services: Services,
    principal: Principal,
    report_id: str,
    reason: str,
    status: HomeDeathStatus,
    problem: Callable[[HomeDeathReportRow], str | None],
) -> HomeDeathReportRow:
    if (code := home_deaths.reason_problem(reason)) is not None:
        raise Refused(Problem("reason", code, home_deaths.MESSAGES[code]))
    now = services.clock()
    async with services.db.writing() as session:
        row = await visible(session, principal, services, report_id)
        if row is None:
            raise not_found("reportId")
        if (code := problem(row)) is not None:
            raise Refused(Problem("reportId", code, home_deaths.MESSAGES[code]))
        row.status, row.closed_at, row.close_reason = status.value, now, reason.strip()
        row.closed_by = accountable_name(principal, services.db.keyring)
        message = WHY[status].format(reason=row.close_reason) + THEN
        for case in await cases_of(session, report_id):
            _let_go(session, case, now, principal.actor, f"HOME_DEATH_{status.value}", message)
            announce(session, case, now, home_death_not_confirmed(case.reference or "", row.close_reason))
    return row


def _let_go(session: AsyncSession, case: CaseRow, now: datetime, actor: str, event: str, message: str) -> None:
    """The case no longer waits for the report; a clerk takes it up with the family before anything goes out."""
    case.home_death_report_id, case.home_death_confirmed = None, False
    record(session, case, now, actor=actor, type=event, message=message, item_kind=CERTIFICATE)
    if case.status == CaseStatus.IN_PROGRESS:
        case.status = move_case(CaseStatus.IN_PROGRESS, CaseStatus.UNDER_REVIEW)
        case.review_note = message
        record(session, case, now, actor=SYSTEM, type="UNDER_REVIEW", message=f"已转综合窗口人工预审：{message}")
