"""监督统计 in GraphQL: per agency or per county, small groups shown without figures."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any

import strawberry

from gateway.cases.statistics import Group
from gateway.domain.statistics import TOP_REASONS


@strawberry.enum(description="统计分组 / how statistics are grouped")
class StatisticsGroupBy(Enum):
    AGENCY = strawberry.enum_value("AGENCY", description="按办理部门 / per agency, over its items")
    REGION = strawberry.enum_value("REGION", description="按县（区）/ per county, by the case's division code")


From = Annotated[date, strawberry.argument(name="from", description="提交日期起（含）/ cases submitted from this day")]
To = Annotated[date, strawberry.argument(description="提交日期止（含）/ cases submitted up to and including this day")]
GroupByArgument = Annotated[StatisticsGroupBy, strawberry.argument(description="分组方式 / grouping")]


@strawberry.type(description="退回原因及次数 / a rejection reason and how often it was given")
class ReasonCount:
    reason: str = strawberry.field(description="原因 / the agency's reason")
    count: int = strawberry.field(description="次数 / how many items")


NONE_IF_SUPPRESSED = "；隐去时为空 / null when suppressed"


def _figure(text: str) -> Any:  # a strawberry field, typed as its attribute
    return strawberry.field(default=None, description=text + NONE_IF_SUPPRESSED)


@strawberry.type(
    description="一组的统计；案件数低于阈值时不显示数字（suppressed 为 true），以免识别出个别家庭"
    " / one group's figures; a group of fewer cases than the threshold is suppressed, so no family can be recognised"
)
class StatisticsGroup:
    key: str = strawberry.field(
        description="部门代码或县（区）区划代码 / the agency's code or the county's division code"
    )
    suppressed: bool = strawberry.field(
        description="是否因案件过少而隐去数字 / whether the figures are withheld: too few cases"
    )
    cases_received: int | None = _figure(
        "收件数：区间内提交的申请（按部门：事项已推送至该部门的申请）/ cases received: submitted in range (per agency: those its items reached)"
    )
    cases_finished: int | None = _figure("其中已办结（含部分办结）/ of those, finished (completed or partially)")
    items_on_time: int | None = _figure("按期办结的事项 / items completed by their working-day deadline")
    items_late: int | None = _figure("超期办结的事项 / items completed after their deadline")
    median_working_days: int | None = _figure(
        "办结用时中位数（工作日，自推送日起）/ median working days from sending to completion"
    )
    p90_working_days: int | None = _figure(
        "办结用时第 90 百分位（工作日）/ 90th percentile of working days to complete"
    )
    items_overdue: int | None = _figure(
        "当前已超期未办结的事项 / items overdue now: open at the agency past the deadline"
    )
    top_rejection_reasons: list[ReasonCount] | None = _figure(
        f"最常见的退回原因（前 {TOP_REASONS} 项）/ the {TOP_REASONS} most common rejection reasons"
    )
    average_rating: float | None = _figure("平均评分（好差评）/ average rating, 1 to 5")
    rating_count: int | None = _figure("评价数 / how many ratings")

    @classmethod
    def of(cls, group: Group) -> StatisticsGroup:
        f = group.figures
        if f is None:
            return cls(key=group.key, suppressed=True)
        return cls(
            key=group.key, suppressed=False, cases_received=f.cases_received, cases_finished=f.cases_finished,
            items_on_time=f.items_on_time, items_late=f.items_late, median_working_days=f.median_working_days,
            p90_working_days=f.p90_working_days, items_overdue=f.items_overdue,
            top_rejection_reasons=[ReasonCount(reason=r, count=c) for r, c in f.rejection_reasons],
            average_rating=f.average_rating, rating_count=f.ratings,
        )  # fmt: skip
