"""Mutation payloads: expected failures come back as `errors`, each naming a field."""

from __future__ import annotations

import strawberry

from gateway.errors import Problem
from schema.reference import AgencyEndpoint
from schema.types import Case, CaseItem


@strawberry.type(description="字段错误：字段、稳定错误码、中文说明 / a field, a stable code, a Chinese message")
class FieldError:
    field: str = strawberry.field(description="出错字段路径 / the field's path, e.g. input.deceased.idNumber")
    code: str = strawberry.field(description="稳定错误码 / stable code, e.g. ID_NUMBER_CHECKSUM")
    message: str = strawberry.field(description="中文说明 / what to do about it")

    @classmethod
    def of(cls, problem: Problem) -> FieldError:
        return cls(field=problem.field, code=problem.code, message=problem.message)


@strawberry.type
class SubmitApplicationPayload:
    case: Case | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class ResubmitApplicationPayload:
    case: Case | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class ReviewCasePayload:
    case: Case | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class WithdrawApplicationPayload:
    case: Case | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class RetryItemPayload:
    item: CaseItem | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class RegisterAgencyEndpointPayload:
    endpoint: AgencyEndpoint | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class ReportItemOutcomePayload:
    item: CaseItem | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
