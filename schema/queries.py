"""Queries: thin resolvers over gateway reads. Status comes from our database, never from agencies."""

from __future__ import annotations

import strawberry

from adapters.kinds import Agency as AgencyValue
from gateway.agencies import registration
from gateway.cases import eligibility, home_deaths, ratings, reads, statistics, unverified
from gateway.cases.certificates import verify
from gateway.domain.catalogue import CATALOGUE
from gateway.errors import InvalidArgument
from gateway.ids import from_global
from gateway.security import accesslog
from gateway.security.policy import own_agency, permit
from schema.accounting import AccessLogEntry, LogCaseId, LogFirst
from schema.arguments import (
    After,
    AnyId,
    CaseId,
    CertificateNumber,
    DeceasedIdNumber,
    Filter,
    First,
    OrderBy,
    Reference,
    VerificationCode,
)
from schema.context import Info
from schema.cursors import after as position_after
from schema.cursors import cursor_of
from schema.enums import CaseOrder, CertificateKind
from schema.home_deaths import HomeDeathReport, ReportId, StatusFilter, status_value
from schema.home_deaths import shown as report_shown
from schema.inputs import CaseFilter
from schema.items import CaseItem, Certificate, certificate_shown, item_shown
from schema.node import Node, shown
from schema.ratings import Rating, RatingsFirst
from schema.reference import AgencyEndpoint, CertificateVerification, EligibilityReport, ItemDefinition
from schema.supervision import From, GroupByArgument, StatisticsGroup, To
from schema.types import Case, CaseConnection, CaseEdge, PageInfo, case_shown
from schema.views import endpoint_view, report_view

MAX_PAGE = 100


def _region_prefix(code: str | None) -> str | None:
    if code is None:
        return None
    if len(code) not in (2, 4, 6) or not code.isascii() or not code.isdigit():
        raise InvalidArgument("regionCode 应为 2、4 或 6 位区划代码 (regionCode: a division code of 2, 4 or 6 digits)")
    return code


async def visible_case(info: Info, case_id: str) -> Case | None:
    permit(info.context.principal, "case")
    row = await reads.visible(
        info.context.services.db, info.context.principal, await info.context.loaders.cases.load(case_id)
    )
    return case_shown(info, row) if row else None


async def _node(info: Info, global_id: str) -> Node | None:
    permit(info.context.principal, "node")
    decoded = from_global(global_id)
    if decoded is None:
        return None
    type_name, key = decoded
    if type_name == "Case":
        return await visible_case(info, key)
    if type_name == "CaseItem":
        return await _item(info, key)
    if type_name == "Certificate":
        return await _certificate(info, key)
    return None


async def _item(info: Info, item_id: str) -> CaseItem | None:
    row = await reads.item(info.context.services.db, item_id)
    case = await visible_case(info, row.case_id) if row is not None else None
    if row is None or case is None:
        return None
    own = own_agency(info.context.principal)
    (shown_row,) = unverified.items(info.context.principal, case.row, [row])
    return None if own is not None and own != AgencyValue(row.agency) else item_shown(info, shown_row)


async def _certificate(info: Info, certificate_id: str) -> Certificate | None:
    row = await reads.certificate_by_id(info.context.services.db, certificate_id)
    return certificate_shown(info, row) if row and await visible_case(info, row.case_id) else None


@strawberry.type(description="查询：申请状态、事项目录、证照核验等 / reads: case status, the catalogue, verification")
class Query:
    @strawberry.field(description="按全局 ID 获取对象 / fetch any object by global id")
    async def node(self, info: Info, id: AnyId) -> Node | None:
        return await _node(info, id)

    @strawberry.field(description="获取申请 / one case, if you may see it")
    async def case(self, info: Info, id: CaseId) -> Case | None:
        decoded = from_global(id, "Case")
        return await visible_case(info, decoded[1]) if decoded else None

    @strawberry.field(description="按受理编号获取申请 / a case by its reference")
    async def case_by_reference(self, info: Info, reference: Reference) -> Case | None:
        permit(info.context.principal, "caseByReference")
        row = await reads.case_by_reference(info.context.services.db, info.context.principal, reference)
        return case_shown(info, row) if row else None

    @strawberry.field(
        description="申请列表（默认按提交时间倒序；预审工作队列用 OLDEST_FIRST）/ cases you may see, newest first "
        "unless asked otherwise (a clerk's queue: status UNDER_REVIEW, OLDEST_FIRST)"
    )
    async def cases(
        self,
        info: Info,
        filter: Filter = None,
        first: First = 20,
        after: After = None,
        order_by: OrderBy = CaseOrder.NEWEST_FIRST,
    ) -> CaseConnection:
        principal = permit(info.context.principal, "cases")
        first = 20 if first is None else first
        if not 1 <= first <= MAX_PAGE:
            raise InvalidArgument(f"first 应在 1 到 {MAX_PAGE} 之间 (first must be 1..{MAX_PAGE})")
        f = filter or CaseFilter()
        today = info.context.loaders.today
        query = reads.CaseFilter(
            statuses=tuple(s.value for s in f.status or ()),
            agency=AgencyValue(f.agency.value) if f.agency else None,
            reference=f.reference,
            region_code=_region_prefix(f.region_code),
            oldest_first=order_by == CaseOrder.OLDEST_FIRST,
            submitted_from=f.submitted_from,
            submitted_to=f.submitted_to,
            overdue_only=bool(f.overdue_only),
            today=today,
        )
        rows, total, more = await reads.page(info.context.services.db, principal, query, first, position_after(after))
        for row in rows:
            info.context.loaders.cases.prime(row.id, row)
        edges = [CaseEdge(cursor=cursor_of(r.submitted_at, r.seq), node=case_shown(info, r)) for r in rows]
        return CaseConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=more, end_cursor=edges[-1].cursor if edges else None),
            total_count=total,
        )

    @strawberry.field(
        description="居家死亡报告（卫生健康部门：全部，按上报先后；村(居)委会：本辖区）/ home-death reports: the health "
        "agency's work list, oldest first, or a committee's own region"
    )
    async def home_death_reports(self, info: Info, status: StatusFilter = None) -> list[HomeDeathReport]:
        rows = await home_deaths.reports(info.context.services, info.context.principal, status_value(status))
        return [report_shown(info, row) for row in rows]

    @strawberry.field(
        description="一份居家死亡报告（家属联系人可读，用于预填申请）/ one home-death report; its family contact may "
        "read it to pre-fill the application"
    )
    async def home_death_report(self, info: Info, id: ReportId) -> HomeDeathReport | None:
        decoded = from_global(id, "HomeDeathReport")
        row = await home_deaths.one(info.context.services, info.context.principal, decoded[1] if decoded else "")
        return report_shown(info, row) if row else None

    @strawberry.field(description="事项目录及办事指南 / the item catalogue, with the guide to each item")
    def item_catalogue(self, info: Info) -> list[ItemDefinition]:
        return [ItemDefinition.of(d, info.context.services.time_limits) for d in CATALOGUE]

    @strawberry.field(
        description="实时向各部门核查适用事项（数据共享）/ live: which items apply, asked of every agency in parallel"
    )
    async def eligibility(self, info: Info, deceased_id_number: DeceasedIdNumber) -> EligibilityReport:
        context = info.context
        report = await eligibility.check(
            context.services, context.principal, deceased_id_number, request_id=context.request_id
        )
        return report_view(report)

    @strawberry.field(description="已登记的部门接口 / registered agency endpoints")
    async def agencies(self, info: Info) -> list[AgencyEndpoint]:
        rows = await registration.listed(info.context.services, info.context.principal)
        return [endpoint_view(info.context.services, r) for r in rows]

    @strawberry.field(description="访问记录（仅管理员）/ the access log, newest first (administrators only)")
    async def access_log(self, info: Info, case_id: LogCaseId = None, first: LogFirst = 50) -> list[AccessLogEntry]:
        key = None
        if case_id is not None:
            decoded = from_global(case_id, "Case")
            key = decoded[1] if decoded else ""
        rows = await accesslog.entries(info.context.services, info.context.principal, key, first)
        return [AccessLogEntry(row=r) for r in rows]

    @strawberry.field(
        description="好差评（申请人：本人的；窗口：本辖区的，不显示评价人；部门：本部门评分；管理员：全部）"
        " / ratings: a family its own, a clerk its region's without the rater, an agency its own scores, admins all"
    )
    async def ratings(self, info: Info, first: RatingsFirst = 20) -> list[Rating]:
        first = 20 if first is None else first
        if not 1 <= first <= MAX_PAGE:
            raise InvalidArgument(f"first 应在 1 到 {MAX_PAGE} 之间 (first must be 1..{MAX_PAGE})", field="first")
        views = await ratings.listed(info.context.services, info.context.principal, first)
        return [Rating.of(v) for v in views]

    @strawberry.field(
        description="监督统计（监督人员：本辖区；管理员：全部）/ supervision statistics: a supervisor's region, admins all"
    )
    async def statistics(self, info: Info, from_: From, to: To, group_by: GroupByArgument) -> list[StatisticsGroup]:
        by = statistics.GroupBy(group_by.name)
        groups = await statistics.statistics(info.context.services, info.context.principal, from_, to, by)
        return [StatisticsGroup.of(g) for g in groups]

    @strawberry.field(description="核验电子证照 / verify a certificate by number and verification code")
    async def verify_certificate(
        self, info: Info, number: CertificateNumber, verification_code: VerificationCode
    ) -> CertificateVerification:
        row = await verify(info.context.services, number, verification_code)
        if row is None:
            return CertificateVerification(valid=False)
        kind = CertificateKind(row.kind)
        return CertificateVerification(
            valid=True, kind=kind, holder_name=row.holder_name, issued_at=shown(row.issued_at)
        )
