"""What every reachable object shares: a global id; and how times are shown (China time)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.clock import CHINA
from schema.people import Applicant, Deceased, PayoutAccount, Person

__all__ = ["Applicant", "Deceased", "PayoutAccount", "Person"]  # re-exported: part of this module's types


def shown(moment: datetime) -> datetime:
    return moment.astimezone(CHINA)


@strawberry.interface(description="可按全局 ID 获取的对象 / an object reachable by its global id")
class Node:
    id: strawberry.ID = strawberry.field(description="全局 ID，可用于 node 查询 / global id, for the node query")
