"""The family's choice to be told by SMS, or not, case by case (`setNotices`)."""

from __future__ import annotations

from gateway.cases.timeline import record
from gateway.errors import not_found
from gateway.security.policy import may_act_for, permit
from gateway.security.tokens import Principal
from gateway.services import Services
from gateway.store import queries
from gateway.store.models import CaseRow

MESSAGES = {True: "已开启短信通知：各办理节点将短信告知家属", False: "已关闭短信通知：此后不再发送短信"}


async def set_notices(services: Services, principal: Principal | None, case_id: str, enabled: bool) -> CaseRow:
    """Turning them off also stops notices not yet sent (their jobs find the case's choice)."""
    principal = permit(principal, "setNotices")
    now = services.clock()
    async with services.db.writing() as session:
        case = await queries.case_by_id(session, case_id, lock=True)
        if case is None or not may_act_for(principal, case):
            raise not_found("caseId")
        if case.notices_enabled != enabled:
            case.notices_enabled = enabled
            record(session, case, now, actor=principal.actor, type="NOTICES_CHANGED", message=MESSAGES[enabled])
        return case
