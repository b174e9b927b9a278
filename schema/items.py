"""An item of a case, what its agency produced, and the certificate it issued."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import cast

import strawberry
from strawberry.scalars import JSON

from adapters.kinds import ItemKind as ItemKindValue
from gateway.domain.catalogue import definition
from gateway.domain.deadlines import is_overdue
from gateway.domain.status import ItemStatus as ItemStatusValue
from gateway.ids import to_global
from gateway.store.records import CertificateRecord, ItemRecord
from schema.context import Info
from schema.enums import (
    AGENCIES,
    ITEM_KIND_VALUES,
    ITEM_KINDS,
    ITEM_STATUS_VALUES,
    ITEM_STATUSES,
    Agency,
    CertificateKind,
    ItemKind,
    ItemStatus,
)
from schema.node import Node, shown


@strawberry.type(description="办理结果 / what an agency's handling produced")
class ItemResult:
    summary: str = strawberry.field(description="结果说明（中文）/ what the family should know")
    amount: Decimal | None = strawberry.field(description="发放金额（元，已扣减）/ payout in yuan, net of deductions")
    deduction: Decimal | None = strawberry.field(description="扣减金额，如多领抵扣 / deduction, e.g. pension overpaid")
    effective_date: date | None = strawberry.field(description="生效日期，如待遇停发日期 / e.g. benefits stopped from")
    data: JSON | None = strawberry.field(description="部门附加信息 / agency-specific extras")


@strawberry.type(description="电子证照 / an electronic certificate")
class Certificate(Node):
    row: strawberry.Private[CertificateRecord]

    @strawberry.field(description="全局 ID / global id")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global("Certificate", self.row.id))

    @strawberry.field(description="证照种类 / kind")
    def kind(self) -> CertificateKind:
        return CertificateKind(self.row.kind)

    @strawberry.field(description="证照编号 / number")
    def number(self) -> str:
        return self.row.number

    @strawberry.field(description="签发机构 / issuer")
    def issuer(self) -> str:
        return self.row.issuer

    @strawberry.field(description="签发时间 / issued at")
    def issued_at(self) -> datetime:
        return shown(self.row.issued_at)

    @strawberry.field(description="持证人（逝者）/ holder")
    def holder_name(self) -> str:
        return self.row.holder_name

    @strawberry.field(description="核验码，可用 verifyCertificate 核验 / verification code")
    def verification_code(self) -> str:
        return self.row.verification_code


@strawberry.type(description="联办事项（含证照签发）/ one item of a case, certificates included")
class CaseItem(Node):
    row: strawberry.Private[ItemRecord]

    @strawberry.field(description="全局 ID / global id")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global("CaseItem", self.row.id))

    @strawberry.field(description="事项种类 / kind")
    def kind(self) -> ItemKind:
        return ITEM_KINDS[self.row.kind]

    @strawberry.field(description="事项名称（中文）/ title")
    def title(self) -> str:
        return definition(ITEM_KIND_VALUES[self.row.kind]).title

    @strawberry.field(description="办理部门 / agency")
    def agency(self) -> Agency:
        return AGENCIES[self.row.agency]

    @strawberry.field(description="状态 / status")
    def status(self) -> ItemStatus:
        return ITEM_STATUSES[self.row.status]

    @strawberry.field(description="前置事项 / items this one waits for")
    def depends_on(self) -> list[ItemKind]:
        return [ItemKind(k) for k in definition(ItemKindValue(self.row.kind)).requires]

    @strawberry.field(description="部门受理编号 / the agency's own reference")
    def agency_reference(self) -> str | None:
        return self.row.agency_reference

    @strawberry.field(description="办理时限（中国法定工作日）/ deadline in Chinese working days, once dispatched")
    def deadline(self) -> date | None:
        return self.row.deadline

    @strawberry.field(
        description="时限是否为估算（节假日安排尚未公布）/ deadline estimated: holidays not yet announced"
    )
    def deadline_estimated(self) -> bool:
        return self.row.deadline_estimated

    @strawberry.field(description="是否超期 / past its deadline and not answered")
    def overdue(self, info: Info) -> bool:
        return is_overdue(ITEM_STATUS_VALUES[self.row.status], self.row.deadline, info.context.loaders.today)

    @strawberry.field(description="推送次数 / delivery attempts")
    def attempts(self) -> int:
        return self.row.attempts

    @strawberry.field(description="最近一次推送错误 / last delivery error")
    def last_error(self) -> str | None:
        return self.row.last_error

    @strawberry.field(description="不予办理原因 / why the agency refused")
    def rejection_reason(self) -> str | None:
        return self.row.rejection_reason

    @strawberry.field(description="办理结果 / result")
    def result(self) -> ItemResult | None:
        row = self.row
        if row.status != ItemStatusValue.COMPLETED or row.result_summary is None:
            return None
        return ItemResult(
            summary=row.result_summary,
            amount=row.result_amount,
            deduction=row.result_deduction,
            effective_date=row.result_effective_date,
            data=cast(JSON, row.result_data),  # JSON is NewType-like: a plain dict is what it carries
        )

    @strawberry.field(description="签发的证照（证照类事项）/ the certificate, for certificate items")
    async def certificate(self, info: Info) -> Certificate | None:
        rows = await info.context.loaders.certificates.load(self.row.case_id)
        return next((certificate_shown(info, c) for c in rows if c.item_id == self.row.id), None)

    @strawberry.field(description="更新时间 / updated at")
    def updated_at(self) -> datetime:
        return shown(self.row.updated_at)


def item_shown(info: Info, row: ItemRecord) -> CaseItem:
    """The CaseItem a resolver returns, recorded as shown: the access log counts its case."""
    info.context.saw_case(row.case_id)
    return CaseItem(row=row)


def items_shown(info: Info, rows: list[ItemRecord]) -> list[CaseItem]:
    """Items a resolver returns, as `item_shown` each: their cases recorded once (a case's 23)."""
    _cases_seen(info, {row.case_id for row in rows})
    return [CaseItem(row=row) for row in rows]


def certificates_shown(info: Info, rows: list[CertificateRecord]) -> list[Certificate]:
    """Certificates a resolver returns, as `certificate_shown` each: their cases recorded once."""
    _cases_seen(info, {row.case_id for row in rows})
    return [Certificate(row=row) for row in rows]


def _cases_seen(info: Info, case_ids: set[str]) -> None:
    for case_id in case_ids:
        info.context.saw_case(case_id)


def certificate_shown(info: Info, row: CertificateRecord) -> Certificate:
    """The Certificate a resolver returns, recorded as shown: the access log counts its case."""
    info.context.saw_case(row.case_id)
    return Certificate(row=row)
