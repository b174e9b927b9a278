"""好差评: a family rates its finished case once; clerks, agencies and admins read what concerns them.

Who may rate and read, and how much each reader sees, is gateway/security/policy.py; what a rating
may say is gateway/domain/ratings.py. A rating is not an event of the case: the timeline, which
clerks and agencies read beside the applicant's name, never mentions it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from adapters.kinds import Agency
from gateway.clock import china_date
from gateway.domain.ratings import AgencyScore, RatingForm, may_rate, rating_problems
from gateway.domain.status import CaseStatus
from gateway.errors import Problem, Refused, not_found
from gateway.security.policy import (
    agencies_reached,
    case_region,
    may_see,
    own_agency,
    permit,
    sees_rater,
    sees_whole_rating,
    visible_ratings,
)
from gateway.security.tokens import Principal
from gateway.services import Services
from gateway.store import queries
from gateway.store.family_rows import AgencyScoreRow, RatingRow
from gateway.store.models import CaseRow

NOT_FINISHED = Problem("caseId", "CASE_NOT_FINISHED", "申请尚未办结，办结（含部分办结）后方可评价")
ALREADY_RATED = Problem("caseId", "ALREADY_RATED", "该申请已评价，每件申请只能评价一次")


@dataclass(frozen=True)
class RatingView:
    """A rating as one caller may see it: what it may not see is None or left out."""

    rated_on: date  # the day, not the moment: a time of day could point at the family's visit
    region_code: str
    score: int | None
    comment: str | None
    agencies: tuple[AgencyScore, ...]
    case_id: str | None  # whose rating it is: admins and the family itself


async def rate(services: Services, principal: Principal | None, case_id: str, form: RatingForm) -> RatingView:
    principal = permit(principal, "rateCase")
    try:
        async with services.db.writing() as session:
            case = await queries.case_by_id(session, case_id, lock=True)
            if case is None or not may_see(principal, case):
                raise not_found("caseId")  # another family's case answers like a missing one
            if not may_rate(CaseStatus(case.status)):
                raise Refused(NOT_FINISHED)
            if await session.scalar(select(RatingRow.id).where(RatingRow.case_id == case.id)) is not None:
                raise Refused(ALREADY_RATED)
            handled = agencies_reached(await queries.items_of(session, case.id))
            if problems := rating_problems(form, handled):
                raise Refused(*problems)
            rating = _rating_row(case, form, services)
            session.add(rating)
            await session.flush()  # the scores refer to it
            session.add_all(AgencyScoreRow(rating_id=rating.id, case_id=case.id, agency=a.agency.value, score=a.score)
                            for a in form.agencies)  # fmt: skip
    except IntegrityError:
        raise Refused(ALREADY_RATED) from None  # a second rating raced the first past the check above
    return _view(principal, rating, form.agencies)


def _rating_row(case: CaseRow, form: RatingForm, services: Services) -> RatingRow:
    comment = (form.comment or "").strip() or None
    return RatingRow(
        id=str(uuid.uuid4()), case_id=case.id, region_code=case_region(case), score=form.score,
        comment=comment, rated_at=services.clock(),
    )  # fmt: skip


def _view(principal: Principal, rating: RatingRow, scores: tuple[AgencyScore, ...]) -> RatingView:
    whole, own = sees_whole_rating(principal), own_agency(principal)
    return RatingView(
        rated_on=china_date(rating.rated_at),
        region_code=rating.region_code,
        score=rating.score if whole else None,
        comment=rating.comment if whole else None,
        agencies=tuple(s for s in scores if own is None or s.agency == own),
        case_id=rating.case_id if sees_rater(principal) else None,
    )


async def listed(services: Services, principal: Principal | None, first: int) -> list[RatingView]:
    """Newest first. An agency lists only the ratings that score it."""
    principal = permit(principal, "ratings")
    query = select(RatingRow).join(CaseRow, CaseRow.id == RatingRow.case_id)
    query = query.where(visible_ratings(principal, services.db.keyring))
    if (own := own_agency(principal)) is not None:
        scored = select(AgencyScoreRow.id).where(
            AgencyScoreRow.rating_id == RatingRow.id, AgencyScoreRow.agency == own.value
        )
        query = query.where(scored.exists())
    async with services.db.reading() as session:
        ratings = list(await session.scalars(query.order_by(RatingRow.rated_at.desc(), RatingRow.id).limit(first)))
        found = await session.scalars(
            select(AgencyScoreRow).where(AgencyScoreRow.rating_id.in_([r.id for r in ratings]))
        )
        scores: dict[str, list[AgencyScore]] = {}
        for row in found:
            scores.setdefault(row.rating_id, []).append(AgencyScore(Agency(row.agency), row.score))
    return [_view(principal, r, tuple(sorted(scores.get(r.id, []), key=lambda s: s.agency))) for r in ratings]
