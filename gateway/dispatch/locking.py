"""The one lock order of dispatch: the job's case, then the job.

Preparation, delivery, an internal error's retry and a call-back all change a case and its job.
Each takes the case row first (`queries.lock_case`; on PostgreSQL a row lock) and only then looks at
the job, so no two of them wait on each other in opposite orders, and a job seen here is not one a
call-back holding the case is about to delete.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from gateway.dispatch import jobs
from gateway.store import queries
from gateway.store.models import CaseRow, JobRow


@dataclass(frozen=True)
class Held:
    case: CaseRow
    job: JobRow


async def hold(session: AsyncSession, lease: jobs.Lease) -> Held | None:
    """The case, locked, and the job if this lease still holds it; None: the job moved on."""
    case = await queries.lock_case(session, lease.case_id)
    job = await jobs.held(session, lease)
    return None if job is None else Held(case, job)
