"""Submitting the combined application, and resubmitting corrections (补正)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.cases import duplicates, home_deaths
from gateway.cases.forms import ApplicationForm
from gateway.cases.timeline import record
from gateway.cases.validation import application_problems
from gateway.clock import china_date
from gateway.dispatch import jobs
from gateway.domain.catalogue import CATALOGUE, PAYOUT_ITEMS
from gateway.domain.home_deaths import HomeDeathStatus
from gateway.domain.identity import gender_of, normalize_id_number
from gateway.domain.status import CaseStatus, ItemStatus
from gateway.errors import Problem, Refused
from gateway.security.crypto import Keyring
from gateway.security.policy import accountable_name, covers_region, may_see, permit
from gateway.security.tokens import Principal, Role
from gateway.services import Services
from gateway.store import queries
from gateway.store.models import CaseRow, ItemRow

MAX_KEY_LENGTH = 100
CHANNEL_NAMES = {"WINDOW": "政务服务大厅综合窗口", "WEB": "宁夏政务服务网", "APP": "“我的宁夏”APP"}


def normalized(form: ApplicationForm) -> ApplicationForm:
    deceased = replace(form.deceased, id_number=normalize_id_number(form.deceased.id_number))
    applicant = replace(form.applicant, id_number=normalize_id_number(form.applicant.id_number))
    return replace(form, deceased=deceased, applicant=applicant)


def _authorship_problems(principal: Principal, form: ApplicationForm) -> list[Problem]:
    if principal.role == Role.APPLICANT and form.applicant.id_number != principal.subject:
        return [Problem("input.applicant.idNumber", "NOT_YOUR_IDENTITY", "只能以本人身份提交申请")]
    if principal.role == Role.CLERK and not covers_region(principal, form.deceased.household_region_code):
        return [
            Problem("input.deceased.householdRegionCode", "OUTSIDE_YOUR_REGION", "该户籍地不属于您所在窗口的受理范围")
        ]
    return []


async def submit(services: Services, principal: Principal | None, form: ApplicationForm, key: str | None) -> CaseRow:
    principal = permit(principal, "submitApplication")
    form = normalized(form)
    problems = application_problems(form, china_date(services.clock())) + _authorship_problems(principal, form)
    if key is not None and not 0 < len(key) <= MAX_KEY_LENGTH:
        problems.append(
            Problem("idempotencyKey", "INVALID_IDEMPOTENCY_KEY", f"幂等键长度应为 1 至 {MAX_KEY_LENGTH} 个字符")
        )
    if problems:
        raise Refused(*problems)
    scoped_key = _scoped(services.db.keyring, principal, key) if key else None
    fingerprint = services.db.keyring.digest(repr(form))
    try:
        async with services.db.writing() as session:
            return await _create(services, session, principal, form, scoped_key, fingerprint)
    except IntegrityError:
        # Two submissions with one key raced; the winner's case is the answer for both.
        async with services.db.reading() as session:
            existing = await queries.case_by_idempotency_key(session, scoped_key) if scoped_key else None
        if existing is None:
            raise
        return existing


def _scoped(keyring: Keyring, principal: Principal, key: str) -> str:
    """Keys are per caller (two families may both send "1"); keyed, as the subject is an id number."""
    return keyring.digest(f"{principal.role.value}:{principal.subject}:{key}")


async def _create(
    services: Services,
    session: AsyncSession,
    principal: Principal,
    form: ApplicationForm,
    key: str | None,
    fingerprint: str,
) -> CaseRow:
    if key and (existing := await queries.case_by_idempotency_key(session, key)) is not None:
        if existing.request_fingerprint != fingerprint:
            raise Refused(Problem("idempotencyKey", "IDEMPOTENCY_KEY_REUSED", "该幂等键已用于另一份不同的申请"))
        return existing
    if services.settings.one_case_per_deceased:
        await _refuse_second_case(session, principal, form)
    report = await home_deaths.taken_over(session, services.db.keyring, principal, form)
    now = services.clock()
    case = _new_case(principal, form, key, fingerprint, now)
    if report is not None:
        case.home_death_report_id = report.id
        case.home_death_confirmed = report.status == HomeDeathStatus.CONFIRMED
    case.submitted_by = accountable_name(principal, services.db.keyring)
    session.add(case)
    await session.flush()
    case.reference = f"NX-SH-{china_date(now):%Y%m%d}-{case.seq:06d}"
    session.add_all(_new_item(case.id, d.kind.value, d.agency.value, now) for d in CATALOGUE)
    message = f"已通过{CHANNEL_NAMES[form.channel]}提交个人身后“一件事”联办申请，受理编号 {case.reference}"
    record(session, case, now, actor=principal.actor, type="SUBMITTED", message=message)
    await session.flush()
    await jobs.schedule(session, jobs.PREPARE, case.id, None, now, now)
    return case


async def _refuse_second_case(session: AsyncSession, principal: Principal, form: ApplicationForm) -> None:
    """One answer whatever the other case's state: "completed" or "open" would tell a stranger more."""
    await duplicates.take_turn(session, form.deceased.id_number)
    existing = await duplicates.blocking(session, form.deceased.id_number, form.applicant.id_number)
    if existing is not None:
        shown = f"（受理编号 {existing.reference}）" if may_see(principal, existing) else ""
        message = f"该逝者已有申请{shown}，请勿重复提交；如需补正请对原申请重新提交，如有疑问请联系综合窗口"
        raise Refused(Problem("input.deceased.idNumber", "DUPLICATE_CASE", message))


def _new_case(principal: Principal, form: ApplicationForm, key: str | None, fingerprint: str, now: datetime) -> CaseRow:
    d, a, p = form.deceased, form.applicant, form.payout_account
    optional = None if form.optional_items is None else sorted(k.value for k in form.optional_items)
    if optional is None and p is None:  # "everything offered", but nothing can be paid out
        optional = sorted(x.kind.value for x in CATALOGUE if x.optional and x.kind not in PAYOUT_ITEMS)
    return CaseRow(
        id=str(uuid.uuid4()), status=CaseStatus.SUBMITTED.value, channel=form.channel, version=0,
        submitted_at=now, updated_at=now, submitter_role=principal.role.value,
        idempotency_key=key, request_fingerprint=fingerprint, region_code=d.household_region_code,
        applicant_id_number=a.id_number, deceased_name=d.name.strip(), deceased_id_number=d.id_number,
        deceased_gender=gender_of(d.id_number), death_date=d.death_date, death_place=d.death_place.strip(),
        death_type=d.death_type, died_in_medical_institution=d.died_in_medical_institution, disposal=d.disposal,
        incident_region_code=d.incident_region_code.strip() if d.incident_region_code else None,
        applicant_name=a.name.strip(), applicant_phone=a.phone, relationship=a.relationship,
        payout_bank_name=p.bank_name if p else None, payout_account_name=p.account_name if p else None,
        payout_account_number=p.account_number.replace(" ", "") if p else None, optional_items=optional,
        prepare_attempts=0, relationship_verified=False, relationship_on_register=False, registered_region_code=None,
        notices_enabled=form.notices, contact_name=form.notify_contact.name.strip() if form.notify_contact else None,
        contact_phone=form.notify_contact.phone if form.notify_contact else None,
    )  # fmt: skip


def _new_item(case_id: str, kind: str, agency: str, now: datetime) -> ItemRow:
    return ItemRow(
        id=str(uuid.uuid4()), case_id=case_id, kind=kind, agency=agency, status=ItemStatus.WAITING.value,
        generation=0, attempts=0, deadline_estimated=False, updated_at=now,
    )  # fmt: skip
