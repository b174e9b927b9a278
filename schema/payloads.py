"""Mutation payloads: expected failures come back as `errors`, each naming a field."""

from __future__ import annotations

import strawberry

from gateway.errors import Problem
from schema.items import CaseItem
from schema.reference import AgencyEndpoint
from schema.types import Case


@strawberry.type(description="字段错误：字段、稳定错误码、中文说明 / a field, a stable code, a Chinese message")
class FieldError:
    field: str = strawberry.field(description="出错字段路径 / the field's path, e.g. input.deceased.idNumber")
    code: str = strawberry.field(description="稳定错误码 / stable code, e.g. ID_NUMBER_CHECKSUM")
    message: str = strawberry.field(description="中文说明 / what to do about it")

    @classmethod
    def of(cls, problem: Problem) -> FieldError:
        return cls(field=problem.field, code=problem.code, message=problem.message)


@strawberry.type(description="提交申请的结果 / result of submitting an application")
class SubmitApplicationPayload:
    case: Case | None = strawberry.field(default=None, description="成功时返回申请 / the case")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


@strawberry.type(description="补正重提的结果 / result of a resubmission")
class ResubmitApplicationPayload:
    case: Case | None = strawberry.field(default=None, description="成功时返回申请 / the case")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


@strawberry.type(description="预审的结果 / result of a pre-review")
class ReviewCasePayload:
    case: Case | None = strawberry.field(default=None, description="成功时返回申请 / the case")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


@strawberry.type(description="撤回的结果 / result of a withdrawal")
class WithdrawApplicationPayload:
    case: Case | None = strawberry.field(default=None, description="成功时返回申请 / the case")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


@strawberry.type(description="开启或关闭短信通知的结果 / result of turning notices on or off")
class SetNoticesPayload:
    case: Case | None = strawberry.field(default=None, description="成功时返回申请 / the case")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


@strawberry.type(description="重新推送的结果 / result of a retry")
class RetryItemPayload:
    item: CaseItem | None = strawberry.field(default=None, description="成功时返回事项 / the item")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


@strawberry.type(description="删除接口登记的结果 / result of removing an endpoint")
class RemoveAgencyEndpointPayload:
    endpoint: AgencyEndpoint | None = strawberry.field(
        default=None, description="成功时返回已删除的接口 / the endpoint removed"
    )
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


@strawberry.type(description="接口登记的结果 / result of an endpoint registration")
class RegisterAgencyEndpointPayload:
    endpoint: AgencyEndpoint | None = strawberry.field(default=None, description="成功时返回登记的接口 / the endpoint")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


@strawberry.type(description="回告的结果 / result of an outcome report")
class ReportItemOutcomePayload:
    item: CaseItem | None = strawberry.field(default=None, description="成功时返回事项 / the item")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )
