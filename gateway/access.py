"""Who may see and change which cases: the authorization rules, in one place (DOMAIN.md §6)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, false, select, true

from adapters.kinds import Agency
from gateway.auth import Principal, Role
from gateway.domain.status import ItemStatus
from gateway.models import CaseRow, ItemRow

# An agency sees a case once one of its items has reached it, never before.
REACHED_AGENCY = (
    ItemStatus.DISPATCHED,
    ItemStatus.ACCEPTED,
    ItemStatus.COMPLETED,
    ItemStatus.REJECTED,
    ItemStatus.FAILED,
)
OPEN_AT_AGENCY = (ItemStatus.DISPATCHED, ItemStatus.ACCEPTED, ItemStatus.FAILED)  # may run late


def covers_region(principal: Principal, region_code: str) -> bool:
    return principal.region is None or region_code.startswith(principal.region)


def visible_cases(principal: Principal) -> ColumnElement[bool]:
    """A WHERE clause selecting the cases this caller may see."""
    match principal.role:
        case Role.ADMIN:
            return true()
        case Role.APPLICANT:
            return CaseRow.applicant_id_number == principal.subject
        case Role.CLERK:
            return CaseRow.region_code.startswith(principal.region) if principal.region else true()
        case Role.AGENCY if principal.agency is not None:
            return exists(
                select(ItemRow.id).where(
                    ItemRow.case_id == CaseRow.id,
                    ItemRow.agency == principal.agency.value,
                    ItemRow.status.in_(REACHED_AGENCY),
                )
            )
    return false()


def may_see(principal: Principal, case: CaseRow, item_agencies: frozenset[Agency] = frozenset()) -> bool:
    """The same rule as `visible_cases`, for a case already loaded; `item_agencies`: agencies reached."""
    match principal.role:
        case Role.ADMIN:
            return True
        case Role.APPLICANT:
            return case.applicant_id_number == principal.subject
        case Role.CLERK:
            return covers_region(principal, case.region_code)
        case Role.AGENCY:
            return principal.agency in item_agencies
    return False


def may_act_for(principal: Principal, case: CaseRow) -> bool:
    """Change a case on the family's behalf: the applicant, a clerk of its region, an admin."""
    return principal.role != Role.AGENCY and may_see(principal, case)


def sees_full_identity(principal: Principal, item_agency: Agency | None = None) -> bool:
    """Full identity numbers only for an agency processing its own item (and admins)."""
    return principal.role == Role.ADMIN or (principal.role == Role.AGENCY and principal.agency == item_agency)
