"""Types about the service itself: the catalogue, eligibility, agency endpoints, verification."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.catalogue import ItemDefinition as Definition
from schema.enums import Agency, CertificateKind, ItemKind


@strawberry.type(description="事项目录条目 / one entry of the item catalogue")
class ItemDefinition:
    kind: ItemKind = strawberry.field(description="事项种类 / kind")
    title: str = strawberry.field(description="事项名称 / title")
    agency: Agency = strawberry.field(description="办理部门 / agency")
    requires: list[ItemKind] = strawberry.field(description="前置事项 / prerequisites")
    time_limit_working_days: int | None = strawberry.field(description="办理时限（工作日）/ time limit in working days")
    optional: bool = strawberry.field(description="是否由家属选择申请 / chosen by the family (claims, queries)")
    applies_when: str = strawberry.field(description="适用情形 / when it applies")

    @classmethod
    def of(cls, d: Definition) -> ItemDefinition:
        return cls(
            kind=ItemKind(d.kind),
            title=d.title,
            agency=Agency(d.agency),
            requires=[ItemKind(k) for k in d.requires],
            time_limit_working_days=d.time_limit_working_days,
            optional=d.optional,
            applies_when=d.applies_when,
        )


@strawberry.type(description="事项适用情况 / whether an item applies, and why")
class ItemEligibility:
    kind: ItemKind
    applicable: bool
    reason: str


@strawberry.type(description="适用事项核查（实时向各部门查询）/ live eligibility from the agencies")
class EligibilityReport:
    items: list[ItemEligibility]
    unavailable_agencies: list[Agency] = strawberry.field(
        description="本次未能应答的部门 / agencies that did not answer"
    )


@strawberry.type(description="部门接口登记 / an agency's registered endpoint")
class AgencyEndpoint:
    agency: Agency
    base_url: str
    item_kinds: list[ItemKind]
    healthy: bool
    circuit_open: bool
    registered_at: datetime


@strawberry.type(description="证照核验结果 / certificate verification")
class CertificateVerification:
    valid: bool
    kind: CertificateKind | None = None
    holder_name: str | None = None
    issued_at: datetime | None = None
