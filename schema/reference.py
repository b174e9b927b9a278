"""Types about the service itself: the catalogue, eligibility, agency endpoints, verification."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.domain.catalogue import ItemDefinition as Definition
from gateway.domain.time_limits import TimeLimits
from schema.enums import Agency, CertificateKind, ItemKind
from schema.guide import Guide, guide_of


@strawberry.type(description="事项目录条目 / one entry of the item catalogue")
class ItemDefinition:
    kind: ItemKind = strawberry.field(description="事项种类 / kind")
    title: str = strawberry.field(description="事项名称 / title")
    agency: Agency = strawberry.field(description="办理部门 / agency")
    requires: list[ItemKind] = strawberry.field(description="前置事项 / prerequisites")
    time_limit_working_days: int | None = strawberry.field(
        description="办理时限（工作日，与 guide.timeLimit 相同）/ time limit in working days (as guide.timeLimit)"
    )
    optional: bool = strawberry.field(description="是否由家属选择申请 / chosen by the family (claims, queries)")
    applies_when: str = strawberry.field(description="适用情形 / when it applies")
    guide: Guide = strawberry.field(
        description="办事指南：材料、时限及依据、承办机构、结果告知 / the guide: materials, limit, office, notice"
    )

    @classmethod
    def of(cls, d: Definition, limits: TimeLimits) -> ItemDefinition:
        limit = limits.of(d.kind)
        return cls(
            kind=ItemKind(d.kind),
            title=d.title,
            agency=Agency(d.agency),
            requires=[ItemKind(k) for k in d.requires],
            time_limit_working_days=limit.working_days,
            optional=d.optional,
            applies_when=d.applies_when,
            guide=guide_of(d.kind, d.agency, limit),
        )


@strawberry.type(description="事项适用情况 / whether an item applies, and why")
class ItemEligibility:
    kind: ItemKind = strawberry.field(description="事项种类 / kind")
    applicable: bool = strawberry.field(description="是否适用 / whether it applies")
    reason: str = strawberry.field(description="依据（中文）/ why, from the agencies' records")


@strawberry.type(description="适用事项核查（实时向各部门查询）/ live eligibility from the agencies")
class EligibilityReport:
    items: list[ItemEligibility] = strawberry.field(description="各事项适用情况 / every item, applicable or not")
    unavailable_agencies: list[Agency] = strawberry.field(
        description="本次未能应答的部门 / agencies that did not answer"
    )


@strawberry.type(description="部门接口登记 / an agency's registered endpoint")
class AgencyEndpoint:
    id: strawberry.ID = strawberry.field(
        description="全局 ID，用于 removeAgencyEndpoint / global id, for removeAgencyEndpoint"
    )
    agency: Agency = strawberry.field(description="部门 / agency")
    base_url: str = strawberry.field(description="接口根地址 / base URL")
    item_kinds: list[ItemKind] = strawberry.field(description="路由到此地址的事项 / item kinds routed here")
    enabled: bool = strawberry.field(
        description="是否启用（停用的接口不参与路由）/ enabled; a disabled one is never routed to"
    )
    healthy: bool = strawberry.field(description="最近一次健康检查是否通过 / passed its last health check")
    checked_at: datetime | None = strawberry.field(
        description="最近一次健康检查时间 / when its health was last checked"
    )
    circuit_open: bool = strawberry.field(description="熔断中（暂停调用）/ circuit open: calls paused")
    registered_at: datetime = strawberry.field(description="登记时间 / registered at")


@strawberry.type(description="证照核验结果 / certificate verification")
class CertificateVerification:
    valid: bool = strawberry.field(description="编号与核验码是否匹配 / number and code match an issued certificate")
    kind: CertificateKind | None = strawberry.field(default=None, description="证照种类 / kind")
    holder_name: str | None = strawberry.field(default=None, description="持证人 / holder")
    issued_at: datetime | None = strawberry.field(default=None, description="签发时间 / issued at")
