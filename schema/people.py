"""The people on a case, masked by default; full values only where gateway.security.policy allows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import strawberry

from gateway.cases import unverified
from gateway.domain.identity import mask_account, mask_id_number, mask_phone
from gateway.security.policy import agencies_reached, payers_reached, sees_full_account, sees_full_identity
from gateway.store.records import AnyCase
from schema.context import Info
from schema.enums import DeathType, Disposal, Relationship


@strawberry.type(description="人员（证件号码脱敏）/ a person, identity number masked")
class Person:
    name: str = strawberry.field(description="姓名 / name")
    id_number_masked: str = strawberry.field(description="身份证号码（脱敏）/ identity number, masked")


@strawberry.type(description="逝者信息 / the deceased")
class Deceased:
    name: str = strawberry.field(description="姓名 / name")
    id_number_masked: str = strawberry.field(description="身份证号码（脱敏）/ identity number, masked")
    id_number: str | None = strawberry.field(
        description="身份证号码全文：仅办理本案事项的部门和管理员可见，其余为 null / in full, only for an agency handling an item of this case and admins"
    )
    gender: str | None = strawberry.field(description="性别 / gender")
    death_date: date = strawberry.field(
        description="死亡日期（死亡证明签发后以其为准）/ death date, from the certificate once issued"
    )
    death_place: str = strawberry.field(description="死亡地点 / place of death")
    death_type: DeathType = strawberry.field(description="死亡类型 / kind of death")
    died_in_medical_institution: bool = strawberry.field(
        description="是否在医疗机构死亡 / died in a medical institution"
    )
    household_region_code: str = strawberry.field(description="户籍地行政区划代码（64开头）/ household division code")
    disposal: Disposal = strawberry.field(description="遗体处置方式 / disposal")
    incident_region_code: str | None = strawberry.field(
        default=None, description="非正常死亡事发地区划代码 / where a non-normal death happened, if named"
    )


@strawberry.type(description="申请人 / the applicant")
class Applicant:
    name: str = strawberry.field(description="姓名 / name")
    id_number_masked: str = strawberry.field(description="身份证号码（脱敏）/ identity number, masked")
    id_number: str | None = strawberry.field(
        description="身份证号码全文（同逝者）/ in full, same rule as the deceased's; otherwise null"
    )
    phone_masked: str = strawberry.field(description="联系电话（脱敏）/ phone, masked")
    phone: str | None = strawberry.field(description="联系电话全文（同上）/ phone in full, same rule; otherwise null")
    relationship: Relationship = strawberry.field(description="与逝者关系 / relationship to the deceased")


@strawberry.type(description="收款账户 / the heir's payout account")
class PayoutAccount:
    bank_name: str = strawberry.field(description="开户银行 / bank")
    account_name: str = strawberry.field(description="户名 / account holder")
    account_number_masked: str = strawberry.field(description="账号（脱敏）/ account number, masked")
    account_number: str | None = strawberry.field(
        description="账号全文：仅向本案支付款项的部门和管理员可见 / in full, only for an agency paying on this case and admins"
    )


@dataclass(frozen=True)
class Disclosure:
    identity: bool
    account: bool
    region_code: str  # the registered region, or the declared one for a family not yet verified


async def disclosure(info: Info, case: AnyCase) -> Disclosure:
    principal = info.context.principal
    items = await info.context.loaders.items.load(case.id)
    return Disclosure(
        identity=sees_full_identity(principal, agencies_reached(items)),
        account=sees_full_account(principal, payers_reached(items)),
        region_code=unverified.region_code(principal, case),
    )


def deceased_of(r: AnyCase, full: Disclosure) -> Deceased:
    return Deceased(
        name=r.deceased_name,
        id_number_masked=mask_id_number(r.deceased_id_number),
        id_number=r.deceased_id_number if full.identity else None,
        gender=r.deceased_gender,
        death_date=r.death_date,
        death_place=r.death_place,
        death_type=DeathType(r.death_type),
        died_in_medical_institution=r.died_in_medical_institution,
        household_region_code=full.region_code,
        disposal=Disposal(r.disposal),
        incident_region_code=r.incident_region_code,
    )


def applicant_of(r: AnyCase, full: Disclosure) -> Applicant:
    return Applicant(
        name=r.applicant_name,
        id_number_masked=mask_id_number(r.applicant_id_number),
        id_number=r.applicant_id_number if full.identity else None,
        phone_masked=mask_phone(r.applicant_phone),
        phone=r.applicant_phone if full.identity else None,
        relationship=Relationship(r.relationship),
    )


def payout_of(r: AnyCase, full: Disclosure) -> PayoutAccount | None:
    if not (r.payout_bank_name and r.payout_account_name and r.payout_account_number):
        return None
    return PayoutAccount(
        bank_name=r.payout_bank_name,
        account_name=r.payout_account_name,
        account_number_masked=mask_account(r.payout_account_number),
        account_number=r.payout_account_number if full.account else None,
    )
