"""Mutations: each delegates to one gateway function; refusals become the payload's `errors`."""

from __future__ import annotations

import strawberry

from adapters.kinds import Agency as AgencyValue
from adapters.kinds import ItemKind as ItemKindValue
from adapters.kinds import MaterialKind as MaterialKindValue
from gateway.agencies import registration
from gateway.cases import applications, casework, home_death_closing, home_deaths, materials, notice_choice, ratings
from gateway.dispatch import callbacks
from gateway.errors import Problem, Refused, not_found
from gateway.security.policy import permit
from gateway.store.records import ItemRecord
from schema.arguments import (
    Application,
    CaseId,
    Corrections,
    Decision,
    EndpointId,
    IdempotencyKey,
    ItemId,
    Items,
    NoticesEnabled,
    Outcome,
    Registration,
    ReviewReason,
    WithdrawReason,
)
from schema.attempts import attempt, key_of
from schema.context import Info
from schema.enums import ReviewDecision
from schema.home_deaths import (
    ClosingReason,
    ConfirmationNote,
    ConfirmHomeDeathPayload,
    DeclineHomeDeathPayload,
    Report,
    ReportHomeDeathPayload,
    ReportId,
    WithdrawHomeDeathReportPayload,
    decided,
)
from schema.home_deaths import shown as report_shown
from schema.items import CaseItem, item_shown
from schema.material_view import Material
from schema.materials import AttachMaterialPayload, File, Kind, RequestMaterial, read_upload
from schema.payloads import (
    RegisterAgencyEndpointPayload,
    RemoveAgencyEndpointPayload,
    ReportItemOutcomePayload,
    ResubmitApplicationPayload,
    RetryItemPayload,
    ReviewCasePayload,
    SetNoticesPayload,
    SubmitApplicationPayload,
    WithdrawApplicationPayload,
)
from schema.ratings import RateCasePayload, Rating, RatingArgument
from schema.reference import AgencyEndpoint
from schema.types import Case, case_shown
from schema.views import endpoint_view


async def _refused(problem: Problem) -> None:
    raise Refused(problem)


@strawberry.type(
    description="变更：提交、补正、预审、撤回、重试、部门登记与回告、好差评 / changes: submit, resubmit, review, withdraw, retry, agency registration and call-backs, ratings"
)
class Mutation:
    @strawberry.mutation(description="提交联办申请；相同幂等键只受理一次 / submit; one idempotency key, one case")
    async def submit_application(
        self, info: Info, input: Application, idempotency_key: IdempotencyKey = None
    ) -> SubmitApplicationPayload:
        c = info.context
        row, errors = await attempt(applications.submit(c.services, c.principal, input.form(), idempotency_key))
        return SubmitApplicationPayload(case=case_shown(info, row) if row else None, errors=errors)

    @strawberry.mutation(
        description="补正后重新提交；已办结事项不会重复发送 / resubmit corrections; completed items are never re-sent"
    )
    async def resubmit_application(
        self,
        info: Info,
        case_id: CaseId,
        corrections: Corrections = None,
        items: Items = None,
    ) -> ResubmitApplicationPayload:
        c = info.context
        kinds = None if items is None else [ItemKindValue(k.value) for k in items]
        form = corrections.form() if corrections else None

        async def run() -> Case:
            key = key_of(case_id, "Case", "caseId")
            return case_shown(info, await casework.resubmit(c.services, c.principal, key, form, kinds))

        case, errors = await attempt(run())
        return ResubmitApplicationPayload(case=case, errors=errors)

    @strawberry.mutation(description="综合窗口预审：通过或退回 / pre-review by a clerk: approve or return")
    async def review_case(
        self,
        info: Info,
        case_id: CaseId,
        decision: Decision,
        reason: ReviewReason = None,
        request_material: RequestMaterial = None,
    ) -> ReviewCasePayload:
        c = info.context
        asked = None if request_material is None else MaterialKindValue(request_material.value)

        async def run() -> Case:
            key = key_of(case_id, "Case", "caseId")
            approve = decision == ReviewDecision.APPROVE
            return case_shown(info, await casework.review(c.services, c.principal, key, approve, reason, asked))

        case, errors = await attempt(run())
        return ReviewCasePayload(case=case, errors=errors)

    @strawberry.mutation(description="撤回申请（推送部门前）/ withdraw before anything went to an agency")
    async def withdraw_application(
        self, info: Info, case_id: CaseId, reason: WithdrawReason
    ) -> WithdrawApplicationPayload:
        c = info.context

        async def run() -> Case:
            row = await casework.withdraw(c.services, c.principal, key_of(case_id, "Case", "caseId"), reason)
            return case_shown(info, row)

        case, errors = await attempt(run())
        return WithdrawApplicationPayload(case=case, errors=errors)

    @strawberry.mutation(
        description="开启或关闭本申请的短信通知（受理、退回、发证、支付、办结）/ turn the family's SMS notices on or off"
    )
    async def set_notices(self, info: Info, case_id: CaseId, enabled: NoticesEnabled) -> SetNoticesPayload:
        c = info.context

        async def run() -> Case:
            row = await notice_choice.set_notices(c.services, c.principal, key_of(case_id, "Case", "caseId"), enabled)
            return case_shown(info, row)

        case, errors = await attempt(run())
        return SetNoticesPayload(case=case, errors=errors)

    @strawberry.mutation(
        description="提交一份材料（按内容识别 PDF、JPEG、PNG，加密保存）；同种材料以新替旧 / attach a paper "
        "(PDF, JPEG or PNG by content, sealed at rest); a newer one of a kind replaces the earlier"
    )
    async def attach_material(self, info: Info, case_id: CaseId, kind: Kind, file: File) -> AttachMaterialPayload:
        c = info.context

        async def run() -> tuple[Material, Case]:
            key = key_of(case_id, "Case", "caseId")
            permit(c.principal, "attachMaterial")  # who may upload, before a byte of the file is read
            upload = await read_upload(file, c.services.settings.max_upload_bytes)
            row, case = await materials.attach(c.services, c.principal, key, MaterialKindValue(kind.value), upload)
            return Material(row=row), case_shown(info, case)

        done, errors = await attempt(run())
        material, case = done if done else (None, None)
        return AttachMaterialPayload(material=material, case=case, errors=errors)

    @strawberry.mutation(description="立即重新推送失败的事项（工作人员）/ send a failed item again now (staff)")
    async def retry_item(self, info: Info, item_id: ItemId) -> RetryItemPayload:
        c = info.context

        async def run() -> CaseItem:
            item = await casework.retry_item(c.services, c.principal, key_of(item_id, "CaseItem", "itemId"))
            return CaseItem(row=ItemRecord.of(item))

        item, errors = await attempt(run())
        return RetryItemPayload(item=item, errors=errors)

    @strawberry.mutation(description="好差评：申请人对已办结的申请评价一次 / the applicant rates a finished case, once")
    async def rate_case(self, info: Info, case_id: CaseId, input: RatingArgument) -> RateCasePayload:
        c = info.context

        async def run() -> Rating:
            key = key_of(case_id, "Case", "caseId")
            return Rating.of(await ratings.rate(c.services, c.principal, key, input.form()))

        rating, errors = await attempt(run())
        return RateCasePayload(rating=rating, errors=errors)

    @strawberry.mutation(description="登记部门接口地址 / register an agency endpoint")
    async def register_agency_endpoint(self, info: Info, input: Registration) -> RegisterAgencyEndpointPayload:
        c = info.context
        kinds = [ItemKindValue(k.value) for k in input.item_kinds]
        agency = AgencyValue(input.agency.value)
        work = registration.register(c.services, c.principal, agency, input.base_url, kinds, disabled=input.disabled)
        row, errors = await attempt(work)
        return RegisterAgencyEndpointPayload(endpoint=endpoint_view(c.services, row) if row else None, errors=errors)

    @strawberry.mutation(
        description="删除部门接口登记（管理员或该部门）；其事项不再路由到此地址 / remove an endpoint (admin or its agency); its items are no longer routed there"
    )
    async def remove_agency_endpoint(self, info: Info, id: EndpointId) -> RemoveAgencyEndpointPayload:
        c = info.context

        async def run() -> AgencyEndpoint:
            key = key_of(id, "AgencyEndpoint", "id")
            if not (key.isascii() and key.isdigit() and len(key) <= 9):
                raise not_found("id")
            return endpoint_view(c.services, await registration.remove(c.services, c.principal, int(key)))

        endpoint, errors = await attempt(run())
        return RemoveAgencyEndpointPayload(endpoint=endpoint, errors=errors)

    @strawberry.mutation(description="部门回告办理结果（回调）/ an agency reports an outcome (call-back)")
    async def report_item_outcome(self, info: Info, item_id: ItemId, outcome: Outcome) -> ReportItemOutcomePayload:
        c = info.context
        result = outcome.result if isinstance(outcome.result, dict) else None
        if outcome.result is not None and result is None:
            _, errors = await attempt(
                _refused(Problem("outcome.result", "RESULT_NOT_OBJECT", "办理结果应为 JSON 对象"))
            )
            return ReportItemOutcomePayload(item=None, errors=errors)
        report = callbacks.OutcomeReport(
            outcome.accepted, outcome.completed, outcome.rejection_reason, outcome.agency_reference, result
        )

        async def run() -> CaseItem:
            key = key_of(item_id, "CaseItem", "itemId")
            item = await callbacks.report_outcome(c.services, c.principal, key, report)
            return item_shown(info, ItemRecord.of(item))

        item, errors = await attempt(run())
        return ReportItemOutcomePayload(item=item, errors=errors)

    @strawberry.mutation(
        description="村(居)委会上报非医疗机构死亡（推送本辖区社区卫生服务机构或乡镇卫生院）/ a committee reports a "
        "death outside a hospital, for the local health centre"
    )
    async def report_home_death(self, info: Info, input: Report) -> ReportHomeDeathPayload:
        c = info.context
        row, errors = await attempt(home_deaths.report(c.services, c.principal, input.form()))
        return ReportHomeDeathPayload(report=report_shown(info, row) if row else None, errors=errors)

    @strawberry.mutation(
        description="卫生机构与家属确认后确认报告，随后方可开具死亡医学证明 / the health centre confirmed with the "
        "family: the medical death certificate may then be issued"
    )
    async def confirm_home_death(
        self, info: Info, report_id: ReportId, note: ConfirmationNote = None
    ) -> ConfirmHomeDeathPayload:
        c = info.context
        report, errors = await decided(
            info, report_id, lambda key: home_deaths.confirm(c.services, c.principal, key, note)
        )
        return ConfirmHomeDeathPayload(report=report, errors=errors)

    @strawberry.mutation(
        description="上报的村(居)委会撤回居家死亡报告（如误报），须说明原因 / the committee that filed a report "
        "withdraws it (e.g. filed in error), saying why"
    )
    async def withdraw_home_death_report(
        self, info: Info, report_id: ReportId, reason: ClosingReason
    ) -> WithdrawHomeDeathReportPayload:
        c = info.context
        report, errors = await decided(
            info, report_id, lambda key: home_death_closing.withdraw(c.services, c.principal, key, reason)
        )
        return WithdrawHomeDeathReportPayload(report=report, errors=errors)

    @strawberry.mutation(
        description="卫生机构未能与家属确认（如联系不上家属、并非居家死亡），退回报告并说明原因 / the health "
        "centre could not confirm (family unreachable, not a death at home) and declines, saying why"
    )
    async def decline_home_death(
        self, info: Info, report_id: ReportId, reason: ClosingReason
    ) -> DeclineHomeDeathPayload:
        c = info.context
        report, errors = await decided(
            info, report_id, lambda key: home_death_closing.decline(c.services, c.principal, key, reason)
        )
        return DeclineHomeDeathPayload(report=report, errors=errors)
