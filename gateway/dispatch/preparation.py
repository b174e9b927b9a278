"""Preparing a submitted case: ask the agencies what they hold, decide the items, pre-review."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.contract import Records
from adapters.errors import AdapterError
from adapters.kinds import Agency, ItemKind
from gateway.agencies.lookup import gather_records
from gateway.cases import duplicates
from gateway.cases.timeline import SYSTEM, record
from gateway.dispatch import jobs
from gateway.dispatch.backoff import backoff
from gateway.dispatch.locking import hold
from gateway.dispatch.notices import announce
from gateway.dispatch.progress import advance
from gateway.domain.catalogue import AGENCY_NAMES
from gateway.domain.circumstances import Circumstances
from gateway.domain.notices import accepted
from gateway.domain.rules import applicable_kinds, certificate_obstacle
from gateway.domain.status import CaseStatus, ItemStatus
from gateway.domain.transitions import move_case, move_item
from gateway.domain.verification import Claimed, registered_region, relationship_confirmed, review_reasons
from gateway.observability.tracing import describe_job
from gateway.services import Services
from gateway.store import queries
from gateway.store.models import CaseRow, ItemRow

Answers = Mapping[Agency, Records | AdapterError]


async def prepare(services: Services, lease: jobs.Lease) -> None:
    async with services.db.reading() as session:
        case = await queries.case_by_id(session, lease.case_id)
        id_number = case.deceased_id_number if case else ""
        describe_job(case.reference if case else None)
    answers = await gather_records(services.endpoints, id_number) if case else {}
    now = services.clock()
    async with services.db.writing() as session:
        held = await hold(session, lease)
        if held is None:
            return
        case, job = held.case, held.job
        police = answers.get(Agency.PUBLIC_SECURITY)
        if case.status == CaseStatus.SUBMITTED and isinstance(police, AdapterError) and _may_wait(services, case):
            case.prepare_attempts += 1
            cap = services.settings.prepare_backoff_cap_seconds
            jobs.retry_later(job, now, backoff(services.settings, case.prepare_attempts, cap), police.detail)
            return
        await session.delete(job)
        if case.status == CaseStatus.SUBMITTED:
            await _judge(services, session, case, answers, now)


def _may_wait(services: Services, case: CaseRow) -> bool:
    return case.prepare_attempts + 1 < services.settings.prepare_attempts


async def _judge(services: Services, session: AsyncSession, case: CaseRow, answers: Answers, now: datetime) -> None:
    records = {a: r for a, r in answers.items() if isinstance(r, Records)}
    unknown = frozenset(a for a, r in answers.items() if not isinstance(r, Records))
    facts = frozenset(f for r in records.values() if r.found for f in r.facts)
    circumstances = Circumstances(case.death_type, case.disposal, facts, unknown)
    chosen = None if case.optional_items is None else frozenset(ItemKind(k) for k in case.optional_items)
    applicable = applicable_kinds(circumstances, chosen)
    items = await queries.items_of(session, case.id)
    for item in items:
        target = ItemStatus.WAITING if applicable[ItemKind(item.kind)] else ItemStatus.NOT_APPLICABLE
        item.status, item.updated_at = move_item(ItemStatus(item.status), target), now
    case.facts, case.unknown_agencies = sorted(facts), sorted(unknown)
    record(session, case, now, actor=SYSTEM, type="DATA_CHECKED", message=_checked_message(items, unknown))
    claimed = Claimed(case.deceased_name, case.region_code, case.applicant_id_number, case.relationship)
    register = {a: records.get(a) for a in Agency}
    case.registered_region_code = registered_region(register)  # the clerks of this region handle it
    case.relationship_verified = case.relationship_on_register = relationship_confirmed(claimed, register)
    rival = await duplicates.rival(session, case, enforced=services.settings.one_case_per_deceased)
    reasons = review_reasons(claimed, register, rival.reference if rival else None)
    health = records.get(Agency.HEALTH)
    if obstacle := certificate_obstacle(case.death_type, health.found if health else None):
        reasons.append(obstacle)
    if services.settings.auto_approval and not reasons:
        case.status = move_case(CaseStatus(case.status), CaseStatus.IN_PROGRESS)
        message = "资料核验无误，已自动通过预审，各事项将按办理顺序推送至相关部门"
        record(session, case, now, actor=SYSTEM, type="AUTO_APPROVED", message=message)
        announce(session, case, now, accepted(case.reference or "", case.deceased_name))
        await advance(session, case, items, now)
        return
    case.status = move_case(CaseStatus(case.status), CaseStatus.UNDER_REVIEW)
    case.review_note = "；".join(reasons) or None
    message = "已转综合窗口人工预审" + (f"：{case.review_note}" if reasons else "")
    record(session, case, now, actor=SYSTEM, type="UNDER_REVIEW", message=message)


def _checked_message(items: list[ItemRow], unknown: frozenset[Agency]) -> str:
    applicable = sum(1 for i in items if i.status != ItemStatus.NOT_APPLICABLE)
    message = f"已通过数据共享向各部门核查逝者信息：需办理 {applicable} 项，无需办理 {len(items) - applicable} 项"
    if unknown:
        names = "、".join(AGENCY_NAMES[a] for a in sorted(unknown))
        message += f"；{names}暂时无法查询，相关事项先行保留，由该部门办理时确认"
    return message
