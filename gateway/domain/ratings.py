"""好差评: what a family's rating of a finished case may say (DOMAIN.md; issue #14 item 2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from adapters.kinds import Agency
from gateway.domain.status import FINISHED_CASE_STATUSES, CaseStatus
from gateway.errors import Problem

MIN_SCORE, MAX_SCORE = 1, 5
MAX_COMMENT = 500  # characters: room for a paragraph, not for pasting documents


@dataclass(frozen=True)
class AgencyScore:
    agency: Agency
    score: int


@dataclass(frozen=True)
class RatingForm:
    score: int
    comment: str | None = None
    agencies: tuple[AgencyScore, ...] = ()


def may_rate(status: CaseStatus) -> bool:
    """Only once every item has been answered for good: a rating of work still going on says little."""
    return status in FINISHED_CASE_STATUSES


def rating_problems(form: RatingForm, agencies_on_case: Iterable[Agency]) -> list[Problem]:
    """Every mistake at once, each naming its field; `agencies_on_case`: those that handled an item."""
    problems = _score_problem("input.score", form.score)
    if form.comment is not None and len(form.comment) > MAX_COMMENT:
        problems.append(Problem("input.comment", "COMMENT_TOO_LONG", f"评价内容不能超过 {MAX_COMMENT} 个字符"))
    handled, seen = frozenset(agencies_on_case), set[Agency]()
    for index, entry in enumerate(form.agencies):
        field = f"input.agencies[{index}]"
        problems += _score_problem(f"{field}.score", entry.score)
        if entry.agency in seen:
            problems.append(Problem(f"{field}.agency", "DUPLICATE_AGENCY", "同一部门只能评价一次"))
        elif entry.agency not in handled:
            problems.append(Problem(f"{field}.agency", "AGENCY_NOT_ON_CASE", "该部门未办理本申请的事项，无法评价"))
        seen.add(entry.agency)
    return problems


def _score_problem(field: str, score: int) -> list[Problem]:
    if MIN_SCORE <= score <= MAX_SCORE:
        return []
    return [Problem(field, "SCORE_OUT_OF_RANGE", f"评分应为 {MIN_SCORE} 到 {MAX_SCORE} 之间的整数")]
