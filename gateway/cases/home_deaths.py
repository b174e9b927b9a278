"""Deaths outside a hospital (plan 二): a committee reports, the health centre confirms with the
family, and a case that took the report over may then have its medical death certificate issued."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.cases.forms import ApplicantForm, ApplicationForm, DeceasedForm
from gateway.cases.timeline import record
from gateway.cases.validation import applicant_problems, deceased_problems
from gateway.clock import china_date
from gateway.dispatch.progress import advance
from gateway.domain import home_deaths
from gateway.domain.home_deaths import HomeDeathStatus
from gateway.domain.identity import normalize_id_number
from gateway.errors import Forbidden, Problem, Refused, not_found
from gateway.security.crypto import Keyring
from gateway.security.policy import CONFIRMS_HOME_DEATHS, accountable_name, permit, visible_home_deaths
from gateway.security.tokens import Principal, Role
from gateway.services import Services
from gateway.store import queries
from gateway.store.family_rows import HomeDeathReportRow
from gateway.store.models import CaseRow

MAX_NOTE = 500


@dataclass(frozen=True)
class HomeDeathForm:
    deceased_name: str
    deceased_id_number: str
    death_date: date
    death_place: str
    household_region_code: str
    committee_name: str
    contact: ApplicantForm  # the family member the health centre confirms with; the likely applicant


def _problems(form: HomeDeathForm, today: date) -> list[Problem]:
    # The same checks as the application's, so a report always pre-fills a form that passes them.
    deceased = DeceasedForm(
        form.deceased_name, form.deceased_id_number, form.death_date, form.death_place,
        "NORMAL", False, form.household_region_code, "CREMATION",
    )  # fmt: skip
    problems = deceased_problems(deceased, today) + applicant_problems(form.contact, today, "input.familyContact")
    if not form.committee_name.strip() or len(form.committee_name) > 100:
        problems.append(Problem("input.committeeName", "REQUIRED", "请填写上报的村(居)委会名称（不超过 100 个字符）"))
    return problems


async def report(services: Services, principal: Principal | None, form: HomeDeathForm) -> HomeDeathReportRow:
    principal = permit(principal, "reportHomeDeath")
    form = replace(
        form,
        deceased_id_number=normalize_id_number(form.deceased_id_number),
        contact=replace(form.contact, id_number=normalize_id_number(form.contact.id_number)),
    )
    now = services.clock()
    problems = _problems(form, china_date(now))
    if principal.role == Role.COMMITTEE and not home_deaths.covers(principal.region, form.household_region_code):
        code = "OUTSIDE_YOUR_REGION"
        problems.append(Problem("input.deceased.householdRegionCode", code, home_deaths.MESSAGES[code]))
    if problems:
        raise Refused(*problems)
    row = HomeDeathReportRow(
        id=str(uuid.uuid4()), status=HomeDeathStatus.REPORTED.value, region_code=form.household_region_code,
        deceased_name=form.deceased_name.strip(), deceased_id_number=form.deceased_id_number,
        death_date=form.death_date, death_place=form.death_place.strip(), committee_name=form.committee_name.strip(),
        contact_name=form.contact.name.strip(), contact_id_number=form.contact.id_number,
        contact_phone=form.contact.phone, reported_by=accountable_name(principal, services.db.keyring),
        reported_at=now,
    )  # fmt: skip
    async with services.db.writing() as session:
        session.add(row)
    return row


async def reports(
    services: Services, principal: Principal | None, status: HomeDeathStatus | None
) -> list[HomeDeathReportRow]:
    """The health centre's work list (oldest first: the family waits), or a committee's own reports."""
    principal = permit(principal, "homeDeathReports")
    query = select(HomeDeathReportRow).where(visible_home_deaths(principal, services.db.keyring))
    if status is not None:
        query = query.where(HomeDeathReportRow.status == status.value)
    async with services.db.reading() as session:
        return list((await session.scalars(query.order_by(HomeDeathReportRow.seq))).all())


async def one(services: Services, principal: Principal | None, report_id: str) -> HomeDeathReportRow | None:
    principal = permit(principal, "homeDeathReport")
    async with services.db.reading() as session:
        return await visible(session, principal, services, report_id)


async def visible(
    session: AsyncSession, principal: Principal, services: Services, report_id: str
) -> HomeDeathReportRow | None:
    """The report, if the caller reaches it (a stranger's is as missing as one that never was)."""
    query = select(HomeDeathReportRow).where(
        HomeDeathReportRow.id == report_id, visible_home_deaths(principal, services.db.keyring)
    )
    return (await session.scalars(query)).one_or_none()


async def confirm(
    services: Services, principal: Principal | None, report_id: str, note: str | None
) -> HomeDeathReportRow:
    """The health centre confirmed with the family: the report's cases may have the certificate now."""
    principal = permit(principal, "confirmHomeDeath")
    if principal.role == Role.AGENCY and principal.agency != CONFIRMS_HOME_DEATHS:
        raise Forbidden("仅卫生健康部门可确认居家死亡报告 (only the health agency confirms home deaths)")
    if note is not None and len(note) > MAX_NOTE:
        raise Refused(Problem("note", "TOO_LONG", f"确认说明不能超过 {MAX_NOTE} 个字符"))
    now = services.clock()
    async with services.db.writing() as session:
        row = await visible(session, principal, services, report_id)
        if row is None:
            raise not_found("reportId")
        if (code := home_deaths.decision_problem(HomeDeathStatus(row.status))) is not None:
            raise Refused(Problem("reportId", code, home_deaths.MESSAGES[code]))
        row.status, row.confirmed_at, row.confirmation_note = HomeDeathStatus.CONFIRMED.value, now, note
        row.confirmed_by = accountable_name(principal, services.db.keyring)
        for case in await cases_of(session, report_id):
            case.home_death_confirmed = True
            record(session, case, now, actor=principal.actor, type="HOME_DEATH_CONFIRMED",
                   message="社区卫生服务机构（乡镇卫生院）已与家属确认死亡信息，可开具《居民死亡医学证明(推断)书》",
                   item_kind="MEDICAL_DEATH_CERTIFICATE")  # fmt: skip
            await advance(session, case, await queries.items_of(session, case.id), now)
    return row


async def taken_over(
    session: AsyncSession, keyring: Keyring, principal: Principal, form: ApplicationForm
) -> HomeDeathReportRow | None:
    """The report an application takes over: one the caller reaches, of this death at home."""
    if form.home_death_report_id is None:
        return None
    field = "input.homeDeathReportId"
    query = select(HomeDeathReportRow).where(
        HomeDeathReportRow.id == form.home_death_report_id, visible_home_deaths(principal, keyring)
    )
    row = (await session.scalars(query)).one_or_none()
    if row is None:
        raise Refused(Problem(field, "NOT_FOUND", "未找到该居家死亡报告，或您不是报告中的家属联系人"))
    code = home_deaths.link_problem(
        closed=HomeDeathStatus(row.status) in home_deaths.CLOSED,
        normal_death=form.deceased.death_type == "NORMAL",
        died_in_medical_institution=form.deceased.died_in_medical_institution,
        same_person=row.deceased_id_digest == keyring.digest(form.deceased.id_number),
    )
    if code is not None:
        raise Refused(Problem(field, code, home_deaths.MESSAGES[code]))
    return row


async def cases_of(session: AsyncSession, report_id: str) -> list[CaseRow]:
    """The cases that took the report over, locked: its decision changes them."""
    query = select(CaseRow).where(CaseRow.home_death_report_id == report_id).with_for_update()
    return list((await session.scalars(query)).all())
