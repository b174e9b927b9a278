"""GraphQL object types: views over the gateway's rows, never the rows themselves."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry.scalars import JSON

from adapters.kinds import Agency as AgencyValue
from adapters.kinds import ItemKind as ItemKindValue
from gateway.access import OPEN_AT_AGENCY, own_agency
from gateway.catalogue import definition, kinds_of
from gateway.clock import CHINA, china_date
from gateway.domain.deadlines import is_overdue
from gateway.domain.status import ItemStatus as ItemStatusValue
from gateway.ids import to_global
from gateway.models import CaseRow, CertificateRow, EventRow, ItemRow
from schema.accounting import note_case
from schema.cache import note_case_read
from schema.context import Info
from schema.enums import (
    Agency,
    CaseStatus,
    CertificateKind,
    Channel,
    ItemKind,
    ItemStatus,
)
from schema.people import Applicant, Deceased, PayoutAccount, Person, applicant_of, deceased_of, disclosure, payout_of

__all__ = ["Applicant", "Deceased", "PayoutAccount", "Person"]  # re-exported: part of this module's types


def shown(moment: datetime) -> datetime:
    return moment.astimezone(CHINA)


@strawberry.interface(description="可按全局 ID 获取的对象 / an object reachable by its global id")
class Node:
    id: strawberry.ID = strawberry.field(description="全局 ID，可用于 node 查询 / global id, for the node query")


@strawberry.type(description="办理结果 / what an agency's handling produced")
class ItemResult:
    summary: str = strawberry.field(description="结果说明（中文）/ what the family should know")
    amount: Decimal | None = strawberry.field(description="发放金额（元，已扣减）/ payout in yuan, net of deductions")
    deduction: Decimal | None = strawberry.field(description="扣减金额，如多领抵扣 / deduction, e.g. pension overpaid")
    effective_date: date | None = strawberry.field(description="生效日期，如待遇停发日期 / e.g. benefits stopped from")
    data: JSON | None = strawberry.field(description="部门附加信息 / agency-specific extras")


@strawberry.type(description="电子证照 / an electronic certificate")
class Certificate(Node):
    row: strawberry.Private[CertificateRow]

    def __post_init__(self) -> None:
        note_case(self.row.case_id)

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
    row: strawberry.Private[ItemRow]

    def __post_init__(self) -> None:
        note_case(self.row.case_id)

    @strawberry.field(description="全局 ID / global id")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global("CaseItem", self.row.id))

    @strawberry.field(description="事项种类 / kind")
    def kind(self) -> ItemKind:
        return ItemKind(self.row.kind)

    @strawberry.field(description="事项名称（中文）/ title")
    def title(self) -> str:
        return definition(ItemKindValue(self.row.kind)).title

    @strawberry.field(description="办理部门 / agency")
    def agency(self) -> Agency:
        return Agency(self.row.agency)

    @strawberry.field(description="状态 / status")
    def status(self) -> ItemStatus:
        return ItemStatus(self.row.status)

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
        today = china_date(info.context.services.clock())
        running = self.row.status in OPEN_AT_AGENCY
        return running and is_overdue(self.row.deadline, completed=False, today=today)

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
            data=row.result_data,
        )

    @strawberry.field(description="签发的证照（证照类事项）/ the certificate, for certificate items")
    async def certificate(self, info: Info) -> Certificate | None:
        rows = await info.context.loaders.certificates.load(self.row.case_id)
        return next((Certificate(row=c) for c in rows if c.item_id == self.row.id), None)

    @strawberry.field(description="更新时间 / updated at")
    def updated_at(self) -> datetime:
        return shown(self.row.updated_at)


@strawberry.type(description="办理进程记录 / one entry of the case's timeline")
class CaseEvent:
    row: strawberry.Private[EventRow]

    @strawberry.field(description="时间 / when")
    def at(self) -> datetime:
        return shown(self.row.at)

    @strawberry.field(description="操作者：申请人、窗口人员、部门或系统 / who")
    def actor(self) -> str:
        return self.row.actor

    @strawberry.field(description="事件类型，如 SUBMITTED、ITEM_COMPLETED / what kind of event")
    def type(self) -> str:
        return self.row.type

    @strawberry.field(description="说明（中文）/ what happened")
    def message(self) -> str:
        return self.row.message

    @strawberry.field(description="相关事项 / the item concerned")
    def item_kind(self) -> ItemKind | None:
        return ItemKind(self.row.item_kind) if self.row.item_kind else None


@strawberry.type(description="办理进度 / progress counts")
class CaseProgress:
    total: int = strawberry.field(description="需办理事项数 / applicable items")
    completed: int = strawberry.field(description="已办结 / completed")
    in_progress: int = strawberry.field(description="办理中 / waiting, ready, dispatched or accepted")
    rejected: int = strawberry.field(description="未通过 / rejected")
    failed: int = strawberry.field(description="推送失败 / failed delivery")
    not_applicable: int = strawberry.field(description="无需办理 / not applicable")


def progress_of(items: list[ItemRow]) -> CaseProgress:
    counts = {s: 0 for s in ItemStatusValue}
    for item in items:
        counts[ItemStatusValue(item.status)] += 1
    na = counts[ItemStatusValue.NOT_APPLICABLE]
    done, rejected, failed = (
        counts[ItemStatusValue.COMPLETED],
        counts[ItemStatusValue.REJECTED],
        counts[ItemStatusValue.FAILED],
    )
    total = len(items) - na
    return CaseProgress(
        total=total,
        completed=done,
        in_progress=total - done - rejected - failed,
        rejected=rejected,
        failed=failed,
        not_applicable=na,
    )


@strawberry.type(description="个人身后“一件事”联办申请 / a combined after-death application")
class Case(Node):
    row: strawberry.Private[CaseRow]

    def __post_init__(self) -> None:
        note_case_read(self.row.id, self.row.version)
        note_case(self.row.id)

    @strawberry.field(description="全局 ID / global id")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global("Case", self.row.id))

    @strawberry.field(description="受理编号 / human-readable reference, e.g. NX-SH-20261128-000123")
    def reference(self) -> str:
        return self.row.reference or ""

    @strawberry.field(description="申请状态 / status")
    def status(self) -> CaseStatus:
        return CaseStatus(self.row.status)

    @strawberry.field(description="申请渠道 / channel")
    def channel(self) -> Channel:
        return Channel(self.row.channel)

    @strawberry.field(description="逝者 / the deceased")
    async def deceased(self, info: Info) -> Deceased:
        return deceased_of(self.row, await disclosure(info, self.row))

    @strawberry.field(description="申请人 / the applicant")
    async def applicant(self, info: Info) -> Applicant:
        return applicant_of(self.row, await disclosure(info, self.row))

    @strawberry.field(description="收款账户（账号脱敏）/ payout account, number masked unless you pay on this case")
    async def payout_account(self, info: Info) -> PayoutAccount | None:
        return payout_of(self.row, await disclosure(info, self.row))

    @strawberry.field(description="事项（部门只看到本部门事项）/ items; an agency sees its own only")
    async def items(self, info: Info) -> list[CaseItem]:
        return [CaseItem(row=r) for r in await _own_items(info, self.row.id)]

    @strawberry.field(description="已签发证照 / certificates issued")
    async def certificates(self, info: Info) -> list[Certificate]:
        return [Certificate(row=c) for c in await info.context.loaders.certificates.load(self.row.id)]

    @strawberry.field(description="办理进程（审计记录）/ timeline, the audit trail")
    async def timeline(self, info: Info) -> list[CaseEvent]:
        rows = await info.context.loaders.events.load(self.row.id)
        if (agency := own_agency(info.context.principal)) is not None:
            own = {k.value for k in kinds_of(AgencyValue(agency))}
            rows = [r for r in rows if r.item_kind in own]
        return [CaseEvent(row=r) for r in rows]

    @strawberry.field(description="办理进度（部门只计本部门事项）/ progress; an agency counts its own items")
    async def progress(self, info: Info) -> CaseProgress:
        return progress_of(await _own_items(info, self.row.id))

    @strawberry.field(description="提交时间 / submitted at")
    def submitted_at(self) -> datetime:
        return shown(self.row.submitted_at)

    @strawberry.field(description="更新时间 / updated at")
    def updated_at(self) -> datetime:
        return shown(self.row.updated_at)

    @strawberry.field(description="版本号，每次变更递增 / increases on every change")
    def version(self) -> int:
        return self.row.version

    @strawberry.field(
        description="预审意见或退回原因（部门不可见）/ the clerk's note or the reasons for review; not for agencies"
    )
    def review_note(self, info: Info) -> str | None:
        return None if own_agency(info.context.principal) else self.row.review_note


async def _own_items(info: Info, case_id: str) -> list[ItemRow]:
    rows = await info.context.loaders.items.load(case_id)
    agency = own_agency(info.context.principal)
    return rows if agency is None else [r for r in rows if r.agency == agency.value]


@strawberry.type(description="分页边 / connection edge")
class CaseEdge:
    cursor: str = strawberry.field(description="分页游标 / cursor, for `after`")
    node: Case = strawberry.field(description="申请 / the case")


@strawberry.type(description="分页信息 / page info")
class PageInfo:
    has_next_page: bool = strawberry.field(description="是否还有下一页 / more pages follow")
    end_cursor: str | None = strawberry.field(description="本页最后一条的游标 / cursor of the last edge")


@strawberry.type(description="申请列表 / a page of cases")
class CaseConnection:
    edges: list[CaseEdge] = strawberry.field(description="本页申请 / this page's cases")
    page_info: PageInfo = strawberry.field(description="分页信息 / paging")
    total_count: int = strawberry.field(description="符合筛选条件的总数 / total under the filter")
