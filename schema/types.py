"""GraphQL object types: views over the gateway's rows, never the rows themselves."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.cases import materials, unverified
from gateway.ids import to_global
from gateway.security.policy import own_agency, own_events, own_items
from gateway.store.records import AnyCase, CaseRecord, ItemRecord
from schema.context import Info
from schema.enums import CaseStatus, Channel, MaterialKind
from schema.items import CaseItem, Certificate, certificates_shown, items_shown
from schema.material_view import Material
from schema.node import Node, shown
from schema.people import Applicant, Deceased, PayoutAccount, applicant_of, deceased_of, disclosure, payout_of
from schema.timeline import CaseEvent, CaseProgress, progress_of


@strawberry.type(description="个人身后“一件事”联办申请 / a combined after-death application")
class Case(Node):
    row: strawberry.Private[CaseRecord]

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
        return items_shown(info, await _own_items(info, self.row))

    @strawberry.field(description="已签发证照 / certificates issued")
    async def certificates(self, info: Info) -> list[Certificate]:
        return certificates_shown(info, await info.context.loaders.certificates.load(self.row.id))

    @strawberry.field(description="办理进程（审计记录）/ timeline, the audit trail")
    async def timeline(self, info: Info) -> list[CaseEvent]:
        principal = info.context.principal
        rows = unverified.timeline(principal, self.row, await info.context.loaders.events.load(self.row.id))
        return [CaseEvent(row=r) for r in own_events(principal, rows)]

    @strawberry.field(
        description="已提交的材料（部门经其接口收到所需材料，此处不列）/ papers provided; agencies receive theirs with their items"
    )
    async def materials(self, info: Info) -> list[Material]:
        if own_agency(info.context.principal):
            return []
        return [Material(row=r) for r in await info.context.loaders.materials.load(self.row.id)]

    @strawberry.field(
        description="尚缺的材料：适用事项所需之合集，减去数据共享已核验的 / papers still needed: the union the "
        "applicable items need, minus what data sharing proved"
    )
    async def missing_materials(self, info: Info) -> list[MaterialKind]:
        if own_agency(info.context.principal):
            return []
        items = unverified.items(info.context.principal, self.row, await info.context.loaders.items.load(self.row.id))
        attached = await info.context.loaders.materials.load(self.row.id)
        return [MaterialKind(k.value) for k in materials.missing(self.row, items, attached)]

    @strawberry.field(description="是否短信通知家属 / whether the family is told of milestones by SMS")
    def notices_enabled(self) -> bool:
        return self.row.notices_enabled

    @strawberry.field(description="办理进度（部门只计本部门事项）/ progress; an agency counts its own items")
    async def progress(self, info: Info) -> CaseProgress:
        return progress_of(await _own_items(info, self.row))

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
        return None if own_agency(info.context.principal) else unverified.review_note(info.context.principal, self.row)


def case_shown(info: Info, row: AnyCase) -> Case:
    """The Case a resolver returns, recorded as shown (the access log, the response cache); a
    write's row is shown as its record."""
    info.context.saw_case(row.id, row.version)
    return Case(row=row if isinstance(row, CaseRecord) else CaseRecord.of(row))


async def _own_items(info: Info, case: CaseRecord) -> list[ItemRecord]:
    rows = unverified.items(info.context.principal, case, await info.context.loaders.items.load(case.id))
    return own_items(info.context.principal, rows)


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
