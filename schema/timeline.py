"""The case's story (timeline entries) and its progress counts."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.domain.status import ItemStatus as ItemStatusValue
from gateway.store.records import EventRecord, ItemRecord
from schema.enums import ITEM_KINDS, ITEM_STATUS_VALUES, ItemKind
from schema.node import shown


@strawberry.type(description="办理进程记录 / one entry of the case's timeline")
class CaseEvent:
    row: strawberry.Private[EventRecord]

    @strawberry.field(description="时间 / when")
    def at(self) -> datetime:
        return shown(self.row.at)

    @strawberry.field(description="操作者：申请人、窗口人员、部门或系统 / who")
    def actor(self) -> str:
        return self.row.actor

    @strawberry.field(description="事件类型，如 SUBMITTED、ITEM_COMPLETED / what kind of event")
    def type(self) -> str:
        return self.row.type

    @strawberry.field(description="说明（中文）/ what happened")
    def message(self) -> str:
        return self.row.message

    @strawberry.field(description="相关事项 / the item concerned")
    def item_kind(self) -> ItemKind | None:
        return ITEM_KINDS[self.row.item_kind] if self.row.item_kind else None


@strawberry.type(description="办理进度 / progress counts")
class CaseProgress:
    total: int = strawberry.field(description="需办理事项数 / applicable items")
    completed: int = strawberry.field(description="已办结 / completed")
    in_progress: int = strawberry.field(description="办理中 / waiting, ready, dispatched or accepted")
    rejected: int = strawberry.field(description="未通过 / rejected")
    failed: int = strawberry.field(description="推送失败 / failed delivery")
    not_applicable: int = strawberry.field(description="无需办理 / not applicable")


def progress_of(items: list[ItemRecord]) -> CaseProgress:
    counts = {s: 0 for s in ItemStatusValue}
    for item in items:
        counts[ITEM_STATUS_VALUES[item.status]] += 1
    na = counts[ItemStatusValue.NOT_APPLICABLE]
    done, rejected, failed = (
        counts[ItemStatusValue.COMPLETED],
        counts[ItemStatusValue.REJECTED],
        counts[ItemStatusValue.FAILED],
    )
    total = len(items) - na
    return CaseProgress(
        total=total,
        completed=done,
        in_progress=total - done - rejected - failed,
        rejected=rejected,
        failed=failed,
        not_applicable=na,
    )
