"""What every reachable object shares: a global id; and how times are shown (China time)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.clock import CHINA


def shown(moment: datetime) -> datetime:
    return moment.astimezone(CHINA)


@strawberry.interface(description="可按全局 ID 获取的对象 / an object reachable by its global id")
class Node:
    id: strawberry.ID = strawberry.field(description="全局 ID，可用于 node 查询 / global id, for the node query")
