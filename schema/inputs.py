"""GraphQL inputs, and their translation to the gateway's plain forms."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.scalars import JSON

from adapters.kinds import ItemKind as ItemKindValue
from gateway.cases.forms import (
    ApplicantForm,
    ApplicationForm,
    BankAccountForm,
    ContactForm,
    CorrectionForm,
    DeceasedForm,
)
from gateway.ids import from_global
from schema.enums import Agency, CaseStatus, Channel, DeathType, Disposal, ItemKind, Relationship


@strawberry.input(description="逝者信息 / the deceased")
class DeceasedInput:
    name: str = strawberry.field(description="姓名 / name")
    id_number: str = strawberry.field(description="身份证号码（18位，GB 11643）/ identity number")
    death_date: date = strawberry.field(description="死亡日期 / death date")
    death_place: str = strawberry.field(description="死亡地点 / place of death (in Ningxia)")
    death_type: DeathType = strawberry.field(description="死亡类型 / kind of death")
    died_in_medical_institution: bool = strawberry.field(description="是否在医疗机构死亡 / died in a hospital")
    household_region_code: str = strawberry.field(description="户籍地区划代码（64开头）/ household division code")
    disposal: Disposal = strawberry.field(description="遗体处置方式 / disposal")
    incident_region_code: str | None = strawberry.field(
        default=None,
        description="事发地区划代码（仅非正常死亡；由事发地公安派出所出具《非正常死亡证明》，不填则为户籍地）"
        " / where a non-normal death happened: that place's police station certifies it; default: household",
    )

    def form(self) -> DeceasedForm:
        return DeceasedForm(
            self.name, self.id_number, self.death_date, self.death_place, self.death_type.name,
            self.died_in_medical_institution, self.household_region_code, self.disposal.name,
            self.incident_region_code,
        )  # fmt: skip


@strawberry.input(description="申请人 / the applicant")
class ApplicantInput:
    name: str = strawberry.field(description="姓名 / name")
    id_number: str = strawberry.field(description="身份证号码 / identity number")
    phone: str = strawberry.field(description="联系电话 / phone")
    relationship: Relationship = strawberry.field(description="与逝者关系 / relationship")

    def form(self) -> ApplicantForm:
        return ApplicantForm(self.name, self.id_number, self.phone, self.relationship.name)


@strawberry.input(description="收款账户 / where refunds and grants are paid")
class BankAccountInput:
    bank_name: str = strawberry.field(description="开户银行 / bank")
    account_name: str = strawberry.field(description="账户名（应为申请人本人）/ account holder, the applicant")
    account_number: str = strawberry.field(description="账号 / account number")

    def form(self) -> BankAccountForm:
        return BankAccountForm(self.bank_name, self.account_name, self.account_number)


@strawberry.input(description="另一位接收短信通知的家属 / a second family member told by SMS")
class NotifyContactInput:
    name: str = strawberry.field(description="姓名 / name")
    phone: str = strawberry.field(description="手机号码 / mobile phone")

    def form(self) -> ContactForm:
        return ContactForm(self.name, self.phone)


@strawberry.input(description="统一申请表 / the unified application form")
class ApplicationInput:
    channel: Channel = strawberry.field(description="申请渠道 / channel")
    deceased: DeceasedInput = strawberry.field(description="逝者 / the deceased")
    applicant: ApplicantInput = strawberry.field(description="申请人（近亲属或特定关系人）/ the applicant")
    payout_account: BankAccountInput | None = strawberry.field(default=None, description="收款账户 / payout account")
    optional_items: list[ItemKind] | None = strawberry.field(
        default=None,
        description="家属申请的可选事项；不填则申请全部适用事项 / chosen claims and queries; omitted: all offered",
    )
    notify_contact: NotifyContactInput | None = strawberry.field(
        default=None,
        description="另一位接收短信通知的家属（可选）/ a second contact told of each milestone, besides the applicant",
    )
    notices: bool = strawberry.field(
        default=True,
        description="是否短信通知受理、退回、发证、支付和办结；可随时用 setNotices 更改 / SMS at each milestone; setNotices changes it",
    )

    home_death_report_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="村(居)委会的居家死亡报告（见 homeDeathReport）；卫生机构确认后方开具死亡医学证明 / the committee's "
        "report of this death at home: the medical death certificate waits for the health centre's confirmation",
    )

    def form(self) -> ApplicationForm:
        optional = None if self.optional_items is None else tuple(ItemKindValue(k.value) for k in self.optional_items)
        payout = self.payout_account.form() if self.payout_account else None
        contact = self.notify_contact.form() if self.notify_contact else None
        report = None
        if self.home_death_report_id is not None:
            decoded = from_global(self.home_death_report_id, "HomeDeathReport")
            report = decoded[1] if decoded else ""  # an id of another type is a report never found
        deceased, applicant = self.deceased.form(), self.applicant.form()
        return ApplicationForm(
            self.channel.name, deceased, applicant, payout, optional,
            notify_contact=contact, notices=self.notices, home_death_report_id=report,
        )  # fmt: skip


@strawberry.input(description="补正内容 / corrections sent with a resubmission")
class CorrectionInput:
    deceased: DeceasedInput | None = strawberry.field(
        default=None, description="更正后的逝者信息（身份证号不可改）/ corrected deceased"
    )
    applicant: ApplicantInput | None = strawberry.field(
        default=None, description="更正后的申请人信息 / corrected applicant"
    )
    payout_account: BankAccountInput | None = strawberry.field(
        default=None, description="更正后的收款账户 / corrected payout account"
    )

    def form(self) -> CorrectionForm:
        return CorrectionForm(
            self.deceased.form() if self.deceased else None,
            self.applicant.form() if self.applicant else None,
            self.payout_account.form() if self.payout_account else None,
        )


@strawberry.input(description="申请列表筛选 / filter for cases")
class CaseFilter:
    status: list[CaseStatus] | None = strawberry.field(default=None, description="状态之一 / any of these statuses")
    agency: Agency | None = strawberry.field(
        default=None, description="含该部门的适用事项 / has an applicable item of this agency"
    )
    reference: str | None = strawberry.field(default=None, description="受理编号 / reference")
    region_code: str | None = strawberry.field(
        default=None,
        description="户籍地区划代码或其前缀（如 64、6401、640104）/ household division code or its prefix",
    )
    submitted_from: date | None = strawberry.field(default=None, description="提交日期起（含）/ submitted on or after")
    submitted_to: date | None = strawberry.field(default=None, description="提交日期止（含）/ submitted on or before")
    overdue_only: bool | None = strawberry.field(default=None, description="仅超期 / only cases with an overdue item")


@strawberry.input(description="部门接口登记 / registering an agency endpoint")
class RegisterAgencyEndpointInput:
    agency: Agency = strawberry.field(description="登记的部门（须为本部门）/ the agency, your own")
    base_url: str = strawberry.field(description="接口根地址（http/https）/ base URL")
    item_kinds: list[ItemKind] = strawberry.field(description="路由到此地址的事项 / item kinds to route here")
    disabled: bool = strawberry.field(
        default=False,
        description="以停用状态登记：健康检查未通过也登记，但不参与路由；启用时不带此项再次登记 / register it disabled: kept even if its health check fails, never routed to; register again without it to enable",
    )


@strawberry.input(description="部门回告办理结果 / an agency reports an item's outcome")
class ItemOutcomeInput:
    accepted: bool | None = strawberry.field(default=None, description="已受理 / accepted, answer later")
    completed: bool | None = strawberry.field(default=None, description="已办结 / completed")
    rejection_reason: str | None = strawberry.field(
        default=None, description="不予办理原因（家属可据此补正）/ why refused"
    )
    agency_reference: str | None = strawberry.field(default=None, description="部门受理编号 / the agency's reference")
    result: JSON | None = strawberry.field(
        default=None, description="办理结果（部门自有格式，与查询接口一致）/ the result, in the agency's own format"
    )
