"""Deaths outside a hospital (plan 二) in GraphQL: the committee's report, the health centre's list
and confirmation, the family contact's read. Thin: gateway/cases/home_deaths.py does the work."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from enum import Enum
from typing import Annotated

import strawberry

from gateway.cases import home_deaths
from gateway.domain import home_deaths as rules
from gateway.domain.identity import mask_id_number, mask_phone
from gateway.ids import to_global
from gateway.security.policy import CONFIRMS_HOME_DEATHS
from gateway.security.tokens import Principal, Role
from gateway.store.family_rows import HomeDeathReportRow
from schema.attempts import attempt, key_of
from schema.context import Info
from schema.inputs import ApplicantInput
from schema.payloads import FieldError


@strawberry.enum(description="居家死亡报告状态 / status of a home-death report")
class HomeDeathStatus(Enum):
    REPORTED = strawberry.enum_value(
        "REPORTED", description="村(居)委会已上报，待卫生机构与家属确认 / reported; awaiting confirmation"
    )
    CONFIRMED = strawberry.enum_value(
        "CONFIRMED", description="已与家属确认，可开具死亡医学证明 / confirmed; the certificate may be issued"
    )
    WITHDRAWN = strawberry.enum_value(
        "WITHDRAWN", description="上报的村(居)委会已撤回（如误报）/ withdrawn by the committee that filed it"
    )
    DECLINED = strawberry.enum_value(
        "DECLINED",
        description="卫生机构未能确认（如联系不上家属、并非居家死亡）/ declined by the health centre, with the reason",
    )


@strawberry.input(description="村(居)委会上报的逝者信息 / the deceased, as the committee reports")
class HomeDeathDeceasedInput:
    name: str = strawberry.field(description="姓名 / name")
    id_number: str = strawberry.field(description="身份证号码 / identity number")
    death_date: date = strawberry.field(description="死亡日期 / death date")
    death_place: str = strawberry.field(description="死亡地点（如家中住址）/ where (e.g. the home address)")
    household_region_code: str = strawberry.field(
        description="居住地区划代码（6位，须在本村(居)委会辖区）/ division code, within the committee's region"
    )


@strawberry.input(description="居家死亡报告 / a committee's report of a death outside a hospital")
class HomeDeathReportInput:
    deceased: HomeDeathDeceasedInput = strawberry.field(description="逝者 / the deceased")
    committee_name: str = strawberry.field(description="上报的村(居)委会 / the reporting committee")
    family_contact: ApplicantInput = strawberry.field(
        description="家属联系人（卫生机构与其确认，亦可凭此预填申请）/ the family contact: confirmed with, may apply"
    )

    def form(self) -> home_deaths.HomeDeathForm:
        d = self.deceased
        return home_deaths.HomeDeathForm(
            d.name, d.id_number, d.death_date, d.death_place, d.household_region_code, self.committee_name,
            self.family_contact.form(),
        )  # fmt: skip


ReportId = Annotated[strawberry.ID, strawberry.argument(description="居家死亡报告的全局 ID / the report's global id")]
StatusFilter = Annotated[
    HomeDeathStatus | None, strawberry.argument(description="按状态筛选；不填为全部 / only this status; default: all")
]
ClosingReason = Annotated[
    str,
    strawberry.argument(
        description="原因（必填，不超过 500 字；家属与综合窗口可见）/ why (required, up to 500 characters; shown to the family and the clerk)"
    ),
]
ConfirmationNote = Annotated[
    str | None,
    strawberry.argument(description="确认说明（如与家属联系的方式）/ a note, e.g. how the family was reached"),
]


Report = Annotated[HomeDeathReportInput, strawberry.argument(description="居家死亡报告 / the report")]


def _sees_in_full(principal: Principal | None) -> bool:
    """The health centre phones the family and matches the register; a committee and the family
    hold the papers already and see masks."""
    if principal is None:
        return False
    return principal.role == Role.ADMIN or (principal.role == Role.AGENCY and principal.agency == CONFIRMS_HOME_DEATHS)


@strawberry.type(description="居家死亡报告 / a death outside a hospital, as reported (plan 二)")
class HomeDeathReport:
    row: strawberry.Private[HomeDeathReportRow]
    full: strawberry.Private[bool]

    @strawberry.field(description="全局 ID，用于申请的 homeDeathReportId / global id, for homeDeathReportId")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global("HomeDeathReport", self.row.id))

    @strawberry.field(description="状态 / status")
    def status(self) -> HomeDeathStatus:
        return HomeDeathStatus[self.row.status]

    @strawberry.field(description="逝者姓名 / the deceased's name")
    def deceased_name(self) -> str:
        return self.row.deceased_name

    @strawberry.field(description="逝者身份证号码（脱敏）/ identity number, masked")
    def deceased_id_number_masked(self) -> str:
        return mask_id_number(self.row.deceased_id_number)

    @strawberry.field(description="逝者身份证号码（仅卫生健康部门、管理员）/ in full: the health agency and admins")
    def deceased_id_number(self) -> str | None:
        return self.row.deceased_id_number if self.full else None

    @strawberry.field(description="死亡日期 / death date")
    def death_date(self) -> date:
        return self.row.death_date

    @strawberry.field(description="死亡地点 / place of death")
    def death_place(self) -> str:
        return self.row.death_place

    @strawberry.field(description="居住地区划代码 / division code")
    def household_region_code(self) -> str:
        return self.row.region_code

    @strawberry.field(description="上报的村(居)委会 / the reporting committee")
    def committee_name(self) -> str:
        return self.row.committee_name

    @strawberry.field(description="家属联系人 / the family contact's name")
    def family_contact_name(self) -> str:
        return self.row.contact_name

    @strawberry.field(description="家属联系电话（脱敏）/ the contact's phone, masked")
    def family_contact_phone_masked(self) -> str:
        return mask_phone(self.row.contact_phone)

    @strawberry.field(description="家属联系电话（仅卫生健康部门、管理员）/ in full: the health agency and admins")
    def family_contact_phone(self) -> str | None:
        return self.row.contact_phone if self.full else None

    @strawberry.field(description="上报时间 / reported at")
    def reported_at(self) -> datetime:
        return self.row.reported_at

    @strawberry.field(description="确认时间 / confirmed at")
    def confirmed_at(self) -> datetime | None:
        return self.row.confirmed_at

    @strawberry.field(description="确认说明 / the health centre's note")
    def confirmation_note(self) -> str | None:
        return self.row.confirmation_note

    @strawberry.field(description="撤回或退回时间 / when it was withdrawn or declined")
    def closed_at(self) -> datetime | None:
        return self.row.closed_at

    @strawberry.field(description="撤回或退回原因 / why it was withdrawn or declined")
    def close_reason(self) -> str | None:
        return self.row.close_reason


def shown(info: Info, row: HomeDeathReportRow) -> HomeDeathReport:
    return HomeDeathReport(row=row, full=_sees_in_full(info.context.principal))


@strawberry.type(description="上报居家死亡的结果 / result of reporting a home death")
class ReportHomeDeathPayload:
    report: HomeDeathReport | None = strawberry.field(default=None, description="成功时返回报告 / the report")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


@strawberry.type(description="确认居家死亡的结果 / result of confirming a home death")
class ConfirmHomeDeathPayload:
    report: HomeDeathReport | None = strawberry.field(default=None, description="成功时返回报告 / the report")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


@strawberry.type(description="撤回居家死亡报告的结果 / result of withdrawing a home-death report")
class WithdrawHomeDeathReportPayload:
    report: HomeDeathReport | None = strawberry.field(default=None, description="成功时返回报告 / the report")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


@strawberry.type(description="退回居家死亡报告的结果 / result of declining a home-death report")
class DeclineHomeDeathPayload:
    report: HomeDeathReport | None = strawberry.field(default=None, description="成功时返回报告 / the report")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


def status_value(status: HomeDeathStatus | None) -> rules.HomeDeathStatus | None:
    return None if status is None else rules.HomeDeathStatus(status.name)


async def decided(
    info: Info, report_id: strawberry.ID, decide: Callable[[str], Awaitable[HomeDeathReportRow]]
) -> tuple[HomeDeathReport | None, list[FieldError]]:
    """Confirming, withdrawing or declining a report by its global id: the report as the caller sees it."""

    async def run() -> HomeDeathReport:
        return shown(info, await decide(key_of(report_id, "HomeDeathReport", "reportId")))

    return await attempt(run())
