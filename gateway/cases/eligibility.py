"""Which items would apply to a person, asked live of every agency in parallel (数据共享)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from adapters.contract import Records
from adapters.kinds import Agency
from gateway.agencies.lookup import gather_records
from gateway.domain.catalogue import CATALOGUE
from gateway.domain.identity import ID_PROBLEM_MESSAGES, id_number_problem, normalize_id_number
from gateway.domain.rules import Eligibility, eligibility
from gateway.errors import Forbidden, InvalidArgument
from gateway.security import accesslog
from gateway.security.policy import permit
from gateway.security.tokens import Principal, Role
from gateway.services import Services
from gateway.store import queries
from gateway.store.models import CaseRow


@dataclass(frozen=True)
class Report:
    items: list[Eligibility]
    unavailable: list[Agency]


async def _may_ask(services: Services, principal: Principal, id_number: str) -> bool:
    """Records of the dead are still private: staff may ask; a family only about the deceased of its
    own case, once its relationship is verified (naming a stranger in an application is no key)."""
    if principal.role in (Role.CLERK, Role.ADMIN):
        return True
    async with services.db.reading() as session:
        query = select(CaseRow.id).where(
            CaseRow.deceased_id_digest == queries.digest(session, id_number),
            CaseRow.applicant_id_digest == queries.digest(session, principal.subject),
            CaseRow.relationship_verified.is_(True),
        )
        return (await session.scalar(query.limit(1))) is not None


async def check(services: Services, principal: Principal | None, id_number: str, *, request_id: str = "-") -> Report:
    principal = permit(principal, "eligibility")
    id_number = normalize_id_number(id_number)
    if (code := id_number_problem(id_number)) is not None:
        raise InvalidArgument(ID_PROBLEM_MESSAGES[code])
    if not await _may_ask(services, principal, id_number):
        raise Forbidden("只能查询本人申请中、亲属关系已核验的逝者 (only the deceased of your own verified case)")
    await _account(services, principal, id_number, request_id)
    answers = await gather_records(services.endpoints, id_number)
    records = {a: r for a, r in answers.items() if isinstance(r, Records)}
    unknown = frozenset(a for a in answers if a not in records)
    facts = frozenset(f for r in records.values() if r.found for f in r.facts)
    return Report([eligibility(d, facts, unknown) for d in CATALOGUE], sorted(unknown))


async def _account(services: Services, principal: Principal, id_number: str, request_id: str) -> None:
    """Every agency's records of the deceased are read: the access log says who asked, against each
    case of that deceased or, before there is one, with no case (`""`); the digest names the deceased."""
    async with services.db.reading() as session:
        query = select(CaseRow.id).where(CaseRow.deceased_id_digest == queries.digest(session, id_number))
        case_ids = list(await session.scalars(query)) or [""]
    operation = f"query:eligibility deceased:{services.db.keyring.digest(id_number)[:24]}"
    await accesslog.record(
        services, principal, case_ids, action=accesslog.READ, operation=operation, request_id=request_id
    )
