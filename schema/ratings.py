"""好差评 in GraphQL: the family's input, a rating as each reader may see it, the mutation's payload."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from adapters.kinds import Agency as AgencyValue
from gateway.cases.ratings import RatingView
from gateway.domain.ratings import MAX_COMMENT, MAX_SCORE, MIN_SCORE, AgencyScore, RatingForm
from gateway.ids import to_global
from schema.enums import Agency
from schema.payloads import FieldError

SCORE = f"评分 {MIN_SCORE}–{MAX_SCORE}（{MAX_SCORE} 为最满意）/ score, {MIN_SCORE} to {MAX_SCORE} ({MAX_SCORE}: best)"


@strawberry.input(description="对一个部门的评分 / one agency's score")
class AgencyScoreInput:
    agency: Agency = strawberry.field(description="办理过本申请事项的部门 / an agency that handled an item of the case")
    score: int = strawberry.field(description=SCORE)


@strawberry.input(description="好差评：对已办结申请的评价 / a rating of a finished case")
class RatingInput:
    score: int = strawberry.field(description=SCORE)
    comment: str | None = strawberry.field(
        default=None,
        description=f"评价内容（不超过 {MAX_COMMENT} 字，加密保存）/ a comment, at most {MAX_COMMENT} characters, stored encrypted",
    )
    agencies: list[AgencyScoreInput] | None = strawberry.field(
        default=None, description="分部门评分（可选）/ scores per agency, optional"
    )

    def form(self) -> RatingForm:
        scores = tuple(AgencyScore(AgencyValue(a.agency.value), a.score) for a in self.agencies or ())
        return RatingForm(self.score, self.comment, scores)


RatingArgument = Annotated[RatingInput, strawberry.argument(description="评价 / the rating")]
RatingsFirst = Annotated[
    int | None, strawberry.argument(description="条数（1–100，最新在前）/ how many, 1 to 100, newest first")
]


@strawberry.type(description="部门评分 / one agency's score")
class AgencyRatingScore:
    agency: Agency = strawberry.field(description="部门 / the agency")
    score: int = strawberry.field(description=SCORE)


@strawberry.type(
    description="好差评；除管理员与评价人本人外不显示来自哪件申请 / a rating; which case (and family) it came from is shown to admins and the family alone"
)
class Rating:
    rated_on: date = strawberry.field(description="评价日期 / the day it was given")
    region_code: str = strawberry.field(description="申请所属县（区）区划代码 / the case's county division code")
    score: int | None = strawberry.field(description="总体评分；部门看不到 / the case's score; null for agencies")
    comment: str | None = strawberry.field(description="评价内容；部门看不到 / the comment; null for agencies")
    agencies: list[AgencyRatingScore] = strawberry.field(
        description="分部门评分；部门只看到本部门的 / scores per agency; an agency sees its own"
    )
    case_id: strawberry.ID | None = strawberry.field(
        description="评价的申请（仅管理员与评价人本人）/ the case rated: admins and the family alone, else null"
    )

    @classmethod
    def of(cls, view: RatingView) -> Rating:
        return cls(
            rated_on=view.rated_on,
            region_code=view.region_code,
            score=view.score,
            comment=view.comment,
            agencies=[AgencyRatingScore(agency=Agency(s.agency.value), score=s.score) for s in view.agencies],
            case_id=strawberry.ID(to_global("Case", view.case_id)) if view.case_id else None,
        )


@strawberry.type(description="评价的结果 / result of a rating")
class RateCasePayload:
    rating: Rating | None = strawberry.field(default=None, description="成功时返回评价 / the rating")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )
