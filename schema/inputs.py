"""GraphQL inputs, and their translation to the gateway's plain forms."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.scalars import JSON

from adapters.kinds import ItemKind as ItemKindValue
from gateway.forms import ApplicantForm, ApplicationForm, BankAccountForm, CorrectionForm, DeceasedForm
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

    def form(self) -> DeceasedForm:
        return DeceasedForm(
            self.name, self.id_number, self.death_date, self.death_place, self.death_type.value,
            self.died_in_medical_institution, self.household_region_code, self.disposal.value,
        )  # fmt: skip


@strawberry.input(description="申请人 / the applicant")
class ApplicantInput:
    name: str = strawberry.field(description="姓名 / name")
    id_number: str = strawberry.field(description="身份证号码 / identity number")
    phone: str = strawberry.field(description="联系电话 / phone")
    relationship: Relationship = strawberry.field(description="与逝者关系 / relationship")

    def form(self) -> ApplicantForm:
        return ApplicantForm(self.name, self.id_number, self.phone, self.relationship.value)


@strawberry.input(description="收款账户 / where refunds and grants are paid")
class BankAccountInput:
    bank_name: str = strawberry.field(description="开户银行 / bank")
    account_name: str = strawberry.field(description="账户名（应为申请人本人）/ account holder, the applicant")
    account_number: str = strawberry.field(description="账号 / account number")

    def form(self) -> BankAccountForm:
        return BankAccountForm(self.bank_name, self.account_name, self.account_number)


@strawberry.input(description="统一申请表 / the unified application form")
class ApplicationInput:
    channel: Channel = strawberry.field(description="申请渠道 / channel")
    deceased: DeceasedInput
    applicant: ApplicantInput
    payout_account: BankAccountInput | None = strawberry.field(default=None, description="收款账户 / payout account")
    optional_items: list[ItemKind] | None = strawberry.field(
        default=None,
        description="家属申请的可选事项；不填则申请全部适用事项 / chosen claims and queries; omitted: all offered",
    )

    def form(self) -> ApplicationForm:
        optional = None if self.optional_items is None else tuple(ItemKindValue(k.value) for k in self.optional_items)
        payout = self.payout_account.form() if self.payout_account else None
        return ApplicationForm(self.channel.value, self.deceased.form(), self.applicant.form(), payout, optional)


@strawberry.input(description="补正内容 / corrections sent with a resubmission")
class CorrectionInput:
    deceased: DeceasedInput | None = None
    applicant: ApplicantInput | None = None
    payout_account: BankAccountInput | None = None

    def form(self) -> CorrectionForm:
        return CorrectionForm(
            self.deceased.form() if self.deceased else None,
            self.applicant.form() if self.applicant else None,
            self.payout_account.form() if self.payout_account else None,
        )


@strawberry.input(description="申请列表筛选 / filter for cases")
class CaseFilter:
    status: list[CaseStatus] | None = None
    agency: Agency | None = None
    reference: str | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None
    overdue_only: bool | None = None


@strawberry.input(description="部门接口登记 / registering an agency endpoint")
class RegisterAgencyEndpointInput:
    agency: Agency
    base_url: str = strawberry.field(description="接口根地址（http/https）/ base URL")
    item_kinds: list[ItemKind]


@strawberry.input(description="部门回告办理结果 / an agency reports an item's outcome")
class ItemOutcomeInput:
    accepted: bool | None = None
    completed: bool | None = None
    rejection_reason: str | None = None
    agency_reference: str | None = None
    result: JSON | None = None
