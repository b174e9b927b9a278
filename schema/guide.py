"""The guide on each catalogue entry (办事指南): materials, time limit and its basis, office, result notice."""

from __future__ import annotations

from enum import Enum

import strawberry

from adapters.kinds import Agency as AgencyValue
from gateway.domain import guide, time_limits
from gateway.domain.catalogue import AGENCY_NAMES
from schema.enums import Agency, MaterialKind


@strawberry.enum(description="办理时限的依据 / where a time limit comes from")
class TimeLimitSource(Enum):
    PLAN = strawberry.enum_value("PLAN", description="工作方案明确规定 / fixed by the plan itself")
    OPERATOR_SETTING = strawberry.enum_value(
        "OPERATOR_SETTING", description="运营方按部门业务规定设置 / set by the operator, per the agency's rules"
    )
    DEFAULT = strawberry.enum_value(
        "DEFAULT", description="运营方尚未设置，暂用默认值 / not set by the operator yet: the default"
    )


@strawberry.enum(description="办理结果的告知方式 / how the family hears the result")
class ResultNotice(Enum):
    CERTIFICATE = strawberry.enum_value("CERTIFICATE", description="电子证照（附核验码）/ an electronic certificate")
    PAYMENT = strawberry.enum_value("PAYMENT", description="款项发放至申请人账户 / money paid to the applicant")
    RECORD_CHANGED = strawberry.enum_value(
        "RECORD_CHANGED", description="注销或停发结果及生效日期 / a registration cancelled or benefit stopped"
    )
    QUERY_ANSWER = strawberry.enum_value("QUERY_ANSWER", description="查询结果 / what the register holds")


@strawberry.type(description="需准备的材料 / a material the family has ready")
class GuideMaterial:
    kind: MaterialKind = strawberry.field(
        description="上传时的材料种类（attachMaterial）/ what an upload of it is filed under"
    )
    name: str = strawberry.field(description="材料名称 / what it is (中文)")
    needed_when: str | None = strawberry.field(description="何时需要；为空表示均需 / when it is needed; null: always")


@strawberry.type(description="办理时限 / time limit")
class TimeLimit:
    working_days: int = strawberry.field(description="工作日数 / working days")
    source: TimeLimitSource = strawberry.field(description="依据 / where it comes from")
    basis: str = strawberry.field(description="依据说明（方案条款或运营方设置）/ the plan's clause, or which setting")


@strawberry.type(description="承办机构 / who handles an item")
class Handler:
    agency: Agency = strawberry.field(description="办理部门 / agency")
    agency_name: str = strawberry.field(description="部门名称 / the agency's name (中文)")
    office: str = strawberry.field(description="承办机构类别 / the kind of office that handles it (中文)")


@strawberry.type(description="办事指南 / the guide to one item (plan 三(一), 四(四))")
class Guide:
    materials: list[GuideMaterial] = strawberry.field(
        description="需准备的材料（各部门已掌握的信息不再提交）/ materials to have ready; data agencies hold is not asked for"
    )
    time_limit: TimeLimit = strawberry.field(description="办理时限及依据 / time limit and its basis")
    handled_by: Handler = strawberry.field(description="承办部门及机构 / agency and office")
    result_notice: ResultNotice = strawberry.field(description="结果告知方式 / how the result is told")
    result_notice_text: str = strawberry.field(description="结果告知说明 / how the result is told (中文)")


def time_limit_of(limit: time_limits.TimeLimit) -> TimeLimit:
    return TimeLimit(working_days=limit.working_days, source=TimeLimitSource(limit.source.value), basis=limit.basis)


def guide_of(kind: str, agency: AgencyValue, limit: time_limits.TimeLimit) -> Guide:
    entry = guide.GUIDE[guide.K(kind)]
    return Guide(
        materials=[
            GuideMaterial(kind=MaterialKind(m.kind.value), name=m.name, needed_when=m.needed_when)
            for m in entry.materials
        ],
        time_limit=time_limit_of(limit),
        handled_by=Handler(agency=Agency(agency), agency_name=AGENCY_NAMES[agency], office=entry.office),
        result_notice=ResultNotice(entry.notice.value),
        result_notice_text=entry.notice_text,
    )
