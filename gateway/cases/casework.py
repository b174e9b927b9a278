"""What happens to a case after submission at a person's hand: review, return, resubmit, withdraw, retry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.kinds import ItemKind, MaterialKind
from gateway.cases import duplicates
from gateway.cases.corrections import apply_corrections, correction_problems
from gateway.cases.forms import CorrectionForm
from gateway.cases.materials import NAMES
from gateway.cases.timeline import record
from gateway.clock import china_date
from gateway.dispatch import jobs
from gateway.dispatch.notices import announce
from gateway.dispatch.progress import advance, statuses_of
from gateway.domain.catalogue import definition
from gateway.domain.notices import accepted, returned, withdrawn
from gateway.domain.rules import death_certificate_unobtainable
from gateway.domain.status import APPROVED_CASE_STATUSES, RESUBMITTABLE, STALLED_AT_AGENCY, CaseStatus, ItemStatus
from gateway.domain.transitions import may_withdraw, move_case, move_item
from gateway.errors import Problem, Refused, not_found
from gateway.security.policy import may_act_for, may_see, permit
from gateway.security.tokens import Principal
from gateway.services import Services
from gateway.store import queries
from gateway.store.models import CaseRow, ItemRow

MAX_REASON = 500
UNOBTAINABLE = "未能取得死亡证明，其余事项无法推送，不能通过预审：请退回申请人核实死亡类型等信息后重新提交"


async def _own_case(session: AsyncSession, principal: Principal, case_id: str) -> CaseRow:
    case = await queries.case_by_id(session, case_id, lock=True)
    if case is None or not may_act_for(principal, case):
        raise not_found("caseId")
    return case


def _reason(reason: str | None, required: bool) -> str | None:
    text = (reason or "").strip()
    if required and not text:
        raise Refused(Problem("reason", "REASON_REQUIRED", "请填写原因，便于申请人了解并补正"))
    if len(text) > MAX_REASON:
        raise Refused(Problem("reason", "TOO_LONG", f"原因不能超过 {MAX_REASON} 个字符"))
    return text or None


async def review(
    services: Services,
    principal: Principal | None,
    case_id: str,
    approve: bool,
    reason: str | None,
    requested: MaterialKind | None = None,
) -> CaseRow:
    principal = permit(principal, "reviewCase")
    note = _reason(reason, required=not approve)
    if approve and requested is not None:
        raise Refused(Problem("requestMaterial", "ONLY_WHEN_RETURNING", "只有退回申请时才能要求补充材料"))
    now = services.clock()
    async with services.db.writing() as session:
        case = await _own_case(session, principal, case_id)
        if case.status != CaseStatus.UNDER_REVIEW:
            raise Refused(Problem("caseId", "CASE_NOT_UNDER_REVIEW", "该申请当前不在预审环节"))
        items = await queries.items_of(session, case.id)
        if approve and death_certificate_unobtainable(statuses_of(items)):
            raise Refused(Problem("decision", "DEATH_CERTIFICATE_UNAVAILABLE", UNOBTAINABLE))
        if approve:
            await _refuse_unfit_approval(session, principal, case, services.settings.one_case_per_deceased)
            case.status = move_case(CaseStatus.UNDER_REVIEW, CaseStatus.IN_PROGRESS)
            case.relationship_verified = True  # the clerk checked the papers that show it
            record(
                session,
                case,
                now,
                actor=principal.actor,
                type="APPROVED",
                message="综合窗口预审通过，各事项将依次推送至相关部门",
            )
            announce(session, case, now, accepted(case.reference or "", case.deceased_name))
            await advance(session, case, items, now)
        else:
            case.status, case.review_note = move_case(CaseStatus.UNDER_REVIEW, CaseStatus.RETURNED), note
            if requested is not None:  # needed from now on (gateway/domain/materials.py), until attached
                case.requested_materials = sorted({*(case.requested_materials or ()), requested.value})
                note = f"{note}；请补充材料：{NAMES[requested]}"
            record(
                session,
                case,
                now,
                actor=principal.actor,
                type="RETURNED",
                message=f"申请被退回：{note}。请补正后重新提交",
            )
            announce(session, case, now, returned(case.reference or "", note or ""))
        return case


AUTHORED = ("SUBMITTED", "RESUBMITTED")  # timeline entries that make their actor an author of the case


async def _refuse_unfit_approval(
    session: AsyncSession, principal: Principal, case: CaseRow, one_case_per_deceased: bool
) -> None:
    """Four eyes: whoever submitted or corrected an application never approves it; and while another
    application for the same deceased is verified, this one cannot go ahead as well."""
    events = (await queries.events_by_case_ids(session, [case.id])).get(case.id, [])
    if any(e.type in AUTHORED and e.actor == principal.actor for e in events):
        raise Refused(Problem("caseId", "SELF_APPROVAL", "不能审核通过本人提交或补正的申请，请由另一位工作人员审核"))
    if one_case_per_deceased:
        await duplicates.take_turn(session, case.deceased_id_number)
    if (other := await duplicates.rival(session, case, enforced=one_case_per_deceased)) is not None:
        shown = f"（受理编号 {other.reference}）" if may_see(principal, other) else ""
        message = f"该逝者已有经核验的其他申请{shown}，不能同时办理；请退回本申请"
        raise Refused(Problem("caseId", "DUPLICATE_CASE", message))


async def withdraw(services: Services, principal: Principal | None, case_id: str, reason: str) -> CaseRow:
    principal = permit(principal, "withdrawApplication")
    note = _reason(reason, required=True)
    now = services.clock()
    async with services.db.writing() as session:
        case = await _own_case(session, principal, case_id)
        items = await queries.items_of(session, case.id)
        if not may_withdraw(CaseStatus(case.status), (ItemStatus(i.status) for i in items)):
            raise Refused(Problem("caseId", "CASE_NOT_WITHDRAWABLE", "已有事项推送至部门办理或申请已办结，无法撤回"))
        case.status = move_case(CaseStatus(case.status), CaseStatus.WITHDRAWN)
        await jobs.cancel_case_jobs(session, case.id)
        record(session, case, now, actor=principal.actor, type="WITHDRAWN", message=f"申请已撤回：{note}")
        announce(session, case, now, withdrawn(case.reference or "", note or ""))  # after the cancel: it still goes
        return case


async def retry_item(services: Services, principal: Principal | None, item_id: str) -> ItemRow:
    principal = permit(principal, "retryItem")
    now = services.clock()
    async with services.db.writing() as session:
        item = await queries.item_by_id(session, item_id)
        case = await queries.case_by_id(session, item.case_id, lock=True) if item else None
        if item is None or case is None or not may_act_for(principal, case):
            raise not_found("itemId")
        if item.status not in STALLED_AT_AGENCY or case.status != CaseStatus.IN_PROGRESS:
            raise Refused(Problem("itemId", "ITEM_NOT_RETRYABLE", "只有推送失败或等待答复的事项可以立即重试"))
        action = jobs.POLL if item.status == ItemStatus.ACCEPTED else jobs.SUBMIT
        await jobs.schedule(session, action, case.id, item.id, now, now, forced=True)
        title = definition(ItemKind(item.kind)).title
        record(
            session,
            case,
            now,
            actor=principal.actor,
            type="ITEM_RETRY_REQUESTED",
            message=f"工作人员要求立即重新推送“{title}”",
            item_kind=item.kind,
        )
        return item


async def resubmit(
    services: Services,
    principal: Principal | None,
    case_id: str,
    corrections: CorrectionForm | None,
    kinds: Sequence[ItemKind] | None,
) -> CaseRow:
    principal = permit(principal, "resubmitApplication")
    corrections = corrections or CorrectionForm()
    now = services.clock()
    if problems := correction_problems(corrections, china_date(now)):
        raise Refused(*problems)
    async with services.db.writing() as session:
        case = await _own_case(session, principal, case_id)
        apply_corrections(case, corrections, principal)
        if case.status == CaseStatus.RETURNED:
            await _resubmit_returned(session, case, principal, now)
        elif case.status in APPROVED_CASE_STATUSES:
            await _resend_items(session, case, principal, kinds, now)
        else:
            raise Refused(
                Problem("caseId", "CASE_NOT_RESUBMITTABLE", "该申请当前无需补正（仅退回或有事项未通过时可重新提交）")
            )
        return case


async def _resubmit_returned(session: AsyncSession, case: CaseRow, principal: Principal, now: datetime) -> None:
    case.status, case.prepare_attempts = move_case(CaseStatus.RETURNED, CaseStatus.SUBMITTED), 0
    for item in await queries.items_of(session, case.id):
        if item.dispatched_at is not None:  # it went out before the return: ask again as a new application
            item.generation += 1
            item.rejection_reason, item.agency_reference, item.dispatched_at = None, None, None
            item.result_summary, item.last_error = None, None
        item.status, item.updated_at = move_item(ItemStatus(item.status), ItemStatus.WAITING), now
    record(
        session,
        case,
        now,
        actor=principal.actor,
        type="RESUBMITTED",
        message="申请人已补正材料并重新提交，等待重新核验",
    )
    await jobs.schedule(session, jobs.PREPARE, case.id, None, now, now)


async def _resend_items(
    session: AsyncSession, case: CaseRow, principal: Principal, kinds: Sequence[ItemKind] | None, now: datetime
) -> None:
    items = await queries.items_of(session, case.id)
    by_kind = {ItemKind(i.kind): i for i in items}
    resend = [by_kind[k] for k in kinds] if kinds else [i for i in items if i.status in RESUBMITTABLE]
    _refuse_unresendable(resend)
    if not resend:
        raise Refused(Problem("items", "NOTHING_TO_RESUBMIT", "没有被退回、未通过或推送失败的事项需要重新提交"))
    for item in resend:
        _reopen(item, now)
        if item.status == ItemStatus.READY:
            await jobs.schedule(session, jobs.SUBMIT, case.id, item.id, now, now)
    if case.status != CaseStatus.IN_PROGRESS:
        case.status = move_case(CaseStatus(case.status), CaseStatus.IN_PROGRESS)
    titles = "、".join(definition(ItemKind(i.kind)).title for i in resend)
    record(session, case, now, actor=principal.actor, type="RESUBMITTED", message=f"申请人已补正并重新提交：{titles}")
    await advance(session, case, items, now)


def _refuse_unresendable(items: Sequence[ItemRow]) -> None:
    for item in items:
        if item.status == ItemStatus.COMPLETED:
            raise Refused(
                Problem(
                    "items", "ITEM_ALREADY_COMPLETED", f"“{definition(ItemKind(item.kind)).title}”已办结，不会重复提交"
                )
            )
        if item.status not in RESUBMITTABLE:
            raise Refused(
                Problem("items", "ITEM_NOT_RESUBMITTABLE", f"“{definition(ItemKind(item.kind)).title}”当前无需重新提交")
            )


def _reopen(item: ItemRow, now: datetime) -> None:
    """A rejected item goes out again as a new application (new key); a failed one repeats its key."""
    if item.status == ItemStatus.REJECTED:
        item.generation += 1
        item.status = move_item(ItemStatus.REJECTED, ItemStatus.WAITING)
        item.rejection_reason, item.agency_reference, item.dispatched_at = None, None, None
    else:
        item.status = move_item(ItemStatus.FAILED, ItemStatus.READY)
    item.last_error, item.updated_at = None, now
