"""What every reachable object shares: a global id; and how times are shown (China time)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.clock import CHINA


def shown(moment: datetime) -> datetime:
    return moment.astimezone(CHINA)


@strawberry.interface(description="可按全局 ID 获取的对象 / an object reachable by its global id")
class Node:
    # A method, not an attribute: each type resolves its own id from its row, which mypy can then check.
    @strawberry.field(description="全局 ID，可用于 node 查询 / global id, for the node query")
    def id(self) -> strawberry.ID:
        raise NotImplementedError
