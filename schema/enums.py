"""The contract's enums, with bilingual descriptions (中文 first)."""

from __future__ import annotations

from enum import Enum

import strawberry

from adapters import kinds
from gateway.domain import status

Agency = strawberry.enum(kinds.Agency, description="办理部门 / the agency that owns an item")
CertificateKind = strawberry.enum(kinds.CertificateKind, description="证照种类 / kind of certificate")
ItemKind = strawberry.enum(kinds.ItemKind, description="事项种类（含证照签发）/ kind of item, certificates included")
CaseStatus = strawberry.enum(status.CaseStatus, description="申请状态 / status of a case")
ItemStatus = strawberry.enum(status.ItemStatus, description="事项状态 / status of one item")


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


@strawberry.enum(description="预审决定 / pre-review decision")
class ReviewDecision(Enum):
    APPROVE = strawberry.enum_value("APPROVE", description="通过 / approve")
    RETURN = strawberry.enum_value("RETURN", description="退回补正 / return for correction")
