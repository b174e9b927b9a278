"""The contract's enums, every value described bilingually (中文 first)."""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

import strawberry

from adapters import kinds
from gateway.domain import status
from gateway.domain.catalogue import AGENCY_NAMES, BY_KIND
from gateway.domain.guide import GUIDE

CASE_STATUS_TEXT = {
    "SUBMITTED": "已提交，正在核查 / submitted, being checked",
    "UNDER_REVIEW": "综合窗口预审中 / awaiting a clerk's pre-review",
    "RETURNED": "已退回，待补正 / returned for correction",
    "IN_PROGRESS": "各部门办理中 / agencies are handling it",
    "COMPLETED": "全部办结 / every applicable item completed",
    "PARTIALLY_COMPLETED": "部分办结，有事项未通过 / some items were refused",
    "WITHDRAWN": "已撤回 / withdrawn by the family",
}
ITEM_STATUS_TEXT = {
    "NOT_APPLICABLE": "无需办理 / does not apply",
    "WAITING": "等待前置事项 / waiting for prerequisites",
    "READY": "待推送 / ready to send",
    "DISPATCHED": "已推送至部门 / sent to the agency",
    "ACCEPTED": "部门已受理 / accepted by the agency",
    "COMPLETED": "已办结 / completed",
    "REJECTED": "未通过，可补正后重新提交 / refused; correct and resubmit",
    "FAILED": "暂时无法送达，系统自动重试 / could not be delivered; retrying",
}


def _described(source: type[Enum], text: dict[str, str], description: str) -> Any:
    members = {m.name: strawberry.enum_value(m.value, description=text[m.name]) for m in source}
    return strawberry.enum(Enum(source.__name__, members), description=description)  # type: ignore[call-overload]  # a functional Enum is a class at run time


Agency = _described(
    kinds.Agency,
    {a.name: f"{AGENCY_NAMES[a]} / {a.name.replace('_', ' ').lower()}" for a in kinds.Agency},
    "办理部门 / the agency that owns an item",
)
ItemKind = _described(
    kinds.ItemKind,
    {k.name: f"{BY_KIND[k].title} / {k.name.replace('_', ' ').lower()}" for k in kinds.ItemKind},
    "事项种类（含证照签发）/ kind of item, certificates included",
)
CertificateKind = _described(
    kinds.CertificateKind,
    {
        c.name: f"{BY_KIND[kinds.ItemKind(c.value)].title} / {c.name.replace('_', ' ').lower()}"
        for c in kinds.CertificateKind
    },
    "证照种类 / kind of certificate",
)
# The guide's own wording for each kind (the first it lists under that kind: a relationship is proven one of two ways).
_MATERIAL_NAMES = {m.kind: m.name for entry in reversed(list(GUIDE.values())) for m in reversed(entry.materials)}
MaterialKind = _described(
    kinds.MaterialKind,
    {k.name: f"{_MATERIAL_NAMES[k]} / {k.name.replace('_', ' ').lower()}" for k in kinds.MaterialKind},
    "材料种类（一套材料，各事项共用）/ kind of paper the family provides, once for every item that needs it",
)
CaseStatus = _described(status.CaseStatus, CASE_STATUS_TEXT, "申请状态 / status of a case")
ItemStatus = _described(status.ItemStatus, ITEM_STATUS_TEXT, "事项状态 / status of one item")

E = TypeVar("E", bound=Enum)


def by_value(enum: type[E]) -> dict[Any, E]:
    """An enum's members by value: `members[value]` is `enum(value)` for a dict's price. Enum's own
    call costs about 0.3 µs, and a status read made about 140 of them for its items (issue #13). A
    value no member has raises KeyError where the call raised ValueError: a stored value out of
    the enum, an internal error either way."""
    return {member.value: member for member in enum}


# The members a read makes of stored values, item by item.
AGENCIES: dict[Any, Any] = by_value(Agency)
ITEM_KINDS: dict[Any, Any] = by_value(ItemKind)
ITEM_STATUSES: dict[Any, Any] = by_value(ItemStatus)
ITEM_KIND_VALUES = by_value(kinds.ItemKind)
ITEM_STATUS_VALUES = by_value(status.ItemStatus)


@strawberry.enum(description="申请渠道 / where the family applied")
class Channel(Enum):
    WINDOW = strawberry.enum_value("WINDOW", description="政务服务大厅综合窗口 / service-hall window")
    WEB = strawberry.enum_value("WEB", description="宁夏政务服务网 / the government service website")
    APP = strawberry.enum_value("APP", description="“我的宁夏”APP / the mobile app")


@strawberry.enum(description="死亡类型 / kind of death")
class DeathType(Enum):
    NORMAL = strawberry.enum_value("NORMAL", description="正常死亡 / normal death")
    ABNORMAL = strawberry.enum_value("ABNORMAL", description="非正常死亡 / non-normal death")


@strawberry.enum(description="遗体处置方式 / disposal of the body")
class Disposal(Enum):
    CREMATION = strawberry.enum_value("CREMATION", description="火化 / cremation")
    BURIAL = strawberry.enum_value("BURIAL", description="土葬 / burial of the body")


@strawberry.enum(description="申请人与逝者的关系 / the applicant's relationship to the deceased")
class Relationship(Enum):
    SPOUSE = strawberry.enum_value("SPOUSE", description="配偶 / spouse")
    CHILD = strawberry.enum_value("CHILD", description="子女 / child")
    PARENT = strawberry.enum_value("PARENT", description="父母 / parent")
    SIBLING = strawberry.enum_value("SIBLING", description="兄弟姐妹 / sibling")
    GRANDPARENT = strawberry.enum_value("GRANDPARENT", description="祖父母、外祖父母 / grandparent")
    GRANDCHILD = strawberry.enum_value("GRANDCHILD", description="孙子女、外孙子女 / grandchild")
    OTHER_RELATIVE = strawberry.enum_value("OTHER_RELATIVE", description="其他近亲属 / other near relative")
    SPECIFIED_PERSON = strawberry.enum_value("SPECIFIED_PERSON", description="特定关系人 / specified related person")


@strawberry.enum(description="申请列表排序 / order of the case list")
class CaseOrder(Enum):
    NEWEST_FIRST = strawberry.enum_value("NEWEST_FIRST", description="按提交时间倒序 / newest submission first")
    OLDEST_FIRST = strawberry.enum_value(
        "OLDEST_FIRST", description="按提交时间正序（预审工作队列）/ oldest first: a clerk's work queue"
    )


@strawberry.enum(description="预审决定 / pre-review decision")
class ReviewDecision(Enum):
    APPROVE = strawberry.enum_value("APPROVE", description="通过 / approve")
    RETURN = strawberry.enum_value("RETURN", description="退回补正 / return for correction")
