"""Who may see and change which cases: the authorization rules, in one place (DOMAIN.md §6).

docs/AUTHORIZATION.md is the same matrix in prose; tests/security walks it role by role.
Three questions, three kinds of rule:
  may this role use the operation at all?   OPERATIONS + `permit` (else Unauthenticated/Forbidden)
  which cases does it reach?                `visible_cases` (SQL) and `may_see` (a loaded row)
  how much of a case does it see?           `sees_full_identity`, `sees_full_account`, `own_agency`,
                                            `own_items`, `own_events`, `sees_register_findings`
  which ratings, and how much of them?      `visible_ratings`, `sees_rater`, `sees_whole_rating`
  whose figures may it count?               `counted_regions`
A clerk's cases are those of their region as the police register gives it (`case_region`), never
as a form declares it; who may approve what (four-eyes) is in gateway/cases/casework.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from sqlalchemy import ColumnElement, exists, false, func, select, true

from adapters.kinds import Agency, ItemKind
from gateway.domain.catalogue import PAID_TO_THE_FAMILY, kinds_of
from gateway.domain.status import REACHED_AGENCY
from gateway.security.crypto import Keyring
from gateway.security.tokens import Principal, Role, require
from gateway.store.family_rows import HomeDeathReportRow, RatingRow
from gateway.store.models import CaseRow, ItemRow
from gateway.store.records import AnyCase

A, C, G, M, S, K = Role.APPLICANT, Role.CLERK, Role.AGENCY, Role.ADMIN, Role.SUPERVISOR, Role.COMMITTEE
# Operation -> roles that may call it. Which objects each role reaches is decided per object below.
OPERATIONS: dict[str, tuple[Role, ...]] = {
    "node": (A, C, G, M),
    "case": (A, C, G, M),
    "caseByReference": (A, C, G, M),
    "cases": (A, C, G, M),
    "caseUpdated": (A, C, G, M),
    "eligibility": (A, C, M),
    "agencies": (C, G, M),
    "accessLog": (M,),
    "submitApplication": (A, C, M),
    "resubmitApplication": (A, C, M),
    "withdrawApplication": (A, C, M),
    "setNotices": (A, C, M),
    # The family's papers (一套材料): the applicant, or a clerk of the case's region at the window.
    "attachMaterial": (A, C),
    "reviewCase": (C, M),
    "retryItem": (C, M),
    "registerAgencyEndpoint": (G, M),
    "removeAgencyEndpoint": (G, M),
    "reportItemOutcome": (G, M),
    "rateCase": (A,),  # the family's own word: nobody rates on its behalf
    "ratings": (A, C, G, M),
    "statistics": (S, M),  # a supervisor reads figures, never a case
    # Deaths outside a hospital (plan 二): committees report (and withdraw their own), the health
    # agency confirms or declines.
    "reportHomeDeath": (K, M),
    "withdrawHomeDeathReport": (K, M),
    "homeDeathReports": (K, G, M),
    "homeDeathReport": (A, K, G, M),
    "confirmHomeDeath": (G, M),
    "declineHomeDeath": (G, M),
}
# The agency that confirms home deaths with the family: its community health centres and
# township hospitals (社区卫生服务机构、乡镇卫生院) issue the certificate afterwards.
CONFIRMS_HOME_DEATHS = Agency.HEALTH
PUBLIC = ("itemCatalogue", "verifyCertificate")  # no token needed: the catalogue, and a code check

# An agency sees a case once one of its items has reached it (REACHED_AGENCY), never before.


def permit(principal: Principal | None, operation: str) -> Principal:
    return require(principal, *OPERATIONS[operation])


def covers_region(principal: Principal, region_code: str) -> bool:
    """A clerk token always carries a region (gateway/security/tokens.py); none would cover nothing."""
    return principal.region is not None and region_code.startswith(principal.region)


def case_region(case: AnyCase) -> str:
    """Whose case it is: the household region the police register gives, else the one declared."""
    return case.registered_region_code or case.region_code


def sees_register_findings(principal: Principal | None, case: AnyCase) -> bool:
    """What the agencies' registers said about the deceased (review reasons, which items apply, the
    registered region) reaches a family only once its relationship is verified: otherwise anyone
    could name a stranger's identity number and read the registers through their own case."""
    return principal is not None and (principal.role != Role.APPLICANT or case.relationship_verified)


def visible_cases(principal: Principal, keyring: Keyring) -> ColumnElement[bool]:
    """A WHERE clause selecting the cases this caller may see."""
    match principal.role:
        case Role.ADMIN:
            return true()
        case Role.APPLICANT:
            return CaseRow.applicant_id_digest == keyring.digest(principal.subject)
        case Role.CLERK if principal.region:
            region = func.coalesce(CaseRow.registered_region_code, CaseRow.region_code)
            return region.startswith(principal.region, autoescape=True)  # `%` or `_` stay literal
        case Role.AGENCY if principal.agency is not None:
            return exists(
                select(ItemRow.id).where(
                    ItemRow.case_id == CaseRow.id,
                    ItemRow.agency == principal.agency.value,
                    ItemRow.status.in_(REACHED_AGENCY),
                )
            )
    return false()


def may_see(principal: Principal, case: AnyCase, item_agencies: frozenset[Agency] = frozenset()) -> bool:
    """The same rule as `visible_cases`, for a case already loaded; `item_agencies`: agencies reached."""
    match principal.role:
        case Role.ADMIN:
            return True
        case Role.APPLICANT:
            return case.applicant_id_number == principal.subject
        case Role.CLERK:
            return covers_region(principal, case_region(case))
        case Role.AGENCY:
            return principal.agency in item_agencies
    return False


def may_act_for(principal: Principal, case: AnyCase) -> bool:
    """Change a case on the family's behalf: the applicant, a clerk of its region, an admin."""
    return principal.role != Role.AGENCY and may_see(principal, case)


class HeldItem(Protocol):
    """What these rules read of an item: its row while writing, its record while reading."""

    @property
    def kind(self) -> str: ...
    @property
    def agency(self) -> str: ...
    @property
    def status(self) -> str: ...


class TimelineEntry(Protocol):
    @property
    def item_kind(self) -> str | None: ...


Item = TypeVar("Item", bound=HeldItem)
Entry = TypeVar("Entry", bound=TimelineEntry)


def agencies_reached(items: Iterable[HeldItem]) -> frozenset[Agency]:
    return frozenset(Agency(i.agency) for i in items if i.status in REACHED_AGENCY)


def own_agency(principal: Principal | None) -> Agency | None:
    """The agency whose items alone this caller sees; None: all items of a visible case."""
    return principal.agency if principal is not None and principal.role == Role.AGENCY else None


def own_items(principal: Principal | None, items: Iterable[Item]) -> list[Item]:
    """Of a case it may see, an agency sees its own items only: not what the others hold."""
    agency = own_agency(principal)
    return [i for i in items if agency is None or i.agency == agency.value]


def own_events(principal: Principal | None, events: Iterable[Entry]) -> list[Entry]:
    """An agency's timeline of a case: the entries about its own items, none of the case-wide ones."""
    agency = own_agency(principal)
    if agency is None:
        return list(events)
    own = {k.value for k in kinds_of(agency)}
    return [e for e in events if e.item_kind in own]


def sees_full_identity(principal: Principal | None, reached: frozenset[Agency] = frozenset()) -> bool:
    """Full identity numbers and phone: an agency processing an item of this case (it must match
    its register), and admins. Families and clerks see masks: they hold the papers already."""
    if principal is None:
        return False
    return principal.role == Role.ADMIN or (principal.role == Role.AGENCY and principal.agency in reached)


def sees_full_account(principal: Principal | None, reached_payers: frozenset[Agency] = frozenset()) -> bool:
    """The payout account in full: only an agency that pays money on this case, and admins."""
    return sees_full_identity(principal, reached_payers)


def accountable_name(principal: Principal, keyring: Keyring) -> str:
    """How records name a caller: an applicant's subject is an identity number, so by digest."""
    if principal.role == Role.APPLICANT:
        return f"applicant:{keyring.digest(principal.subject)[:24]}"
    return principal.actor


def payers_reached(items: Iterable[HeldItem]) -> frozenset[Agency]:
    """Agencies that pay money on this case and have its item: they need the account to pay it."""
    return agencies_reached(i for i in items if ItemKind(i.kind) in PAID_TO_THE_FAMILY)


def visible_ratings(principal: Principal, keyring: Keyring) -> ColumnElement[bool]:
    """A WHERE clause over ratings joined to their cases: the family its own, a clerk its region's
    (the case's region when rated), an admin all. An agency reads its own scores only (`own_agency`)."""
    match principal.role:
        case Role.ADMIN | Role.APPLICANT:
            return visible_cases(principal, keyring)  # all, or the family's own cases
        case Role.CLERK if principal.region:
            return RatingRow.region_code.startswith(principal.region, autoescape=True)
        case Role.AGENCY if principal.agency is not None:
            return true()  # narrowed to its own agency's scores by the reader
    return false()


def sees_rater(principal: Principal) -> bool:
    """Which case (and so which family) a rating came from: admins, and the family itself. Clerks and
    agencies read ratings with no case and no applicant, so nobody is blamed for a low score."""
    return principal.role in (Role.ADMIN, Role.APPLICANT)


def sees_whole_rating(principal: Principal) -> bool:
    """The case's score and the family's comment: everyone but an agency, which sees its own score."""
    return principal.role != Role.AGENCY


def counted_regions(principal: Principal) -> str | None:
    """The division-code prefix whose cases a caller's statistics count: a supervisor's own (another
    region's figures are filtered out, never refused one by one); None: every region (admins)."""
    return None if principal.role == Role.ADMIN else (principal.region or "-")  # "-": matches no code


def visible_home_deaths(principal: Principal, keyring: Keyring) -> ColumnElement[bool]:
    """Home-death reports a caller reaches: a committee (or clerk) its region's, the health agency
    and admins all, the family contact the one naming them; every other agency none."""
    match principal.role:
        case Role.ADMIN:
            return true()
        case Role.COMMITTEE | Role.CLERK if principal.region:  # a clerk: to take one over at the window
            return HomeDeathReportRow.region_code.startswith(principal.region, autoescape=True)
        case Role.AGENCY if principal.agency == CONFIRMS_HOME_DEATHS:
            return true()
        case Role.APPLICANT:
            return HomeDeathReportRow.contact_id_digest == keyring.digest(principal.subject)
    return false()
