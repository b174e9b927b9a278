"""Which items apply to a person, which the family asks for, and how the agencies will answer."""

from __future__ import annotations

from typing import Any

from mocks.people.model import PAYOUT_KINDS, SMALL_DEPOSIT_LIMIT, Person


def certificate_kinds(person: Person) -> list[str]:
    kinds = ["MEDICAL_DEATH_CERTIFICATE" if person.death_type == "NORMAL" else "ABNORMAL_DEATH_CERTIFICATE"]
    if person.disposal == "CREMATION":
        kinds.append("CREMATION_CERTIFICATE")
    kinds.append("GRAVE_USE_CERTIFICATE" if person.grave else "BURIAL_CERTIFICATE")
    return kinds


def optional_items(person: Person) -> list[str]:
    """Claims and queries the family would ask for (统一申请表); stops always apply."""
    wanted = {
        "PENSION_ACCOUNT_REFUND": person.pension is not None,
        "FUNERAL_GRANT": person.insured,
        "SURVIVOR_BENEFIT": person.survivor_months is not None,
        "MEDICAL_ACCOUNT_WITHDRAWAL": bool(person.medical_balance),
        "HOUSING_FUND_WITHDRAWAL": person.housing_fund is not None,
        "WILL_NOTARY_CHECK": person.will is not None,
        "EQUITY_REGISTRATION_QUERY": bool(person.shares),
        "SMALL_DEPOSIT_WITHDRAWAL": bool(person.deposits),
    }
    return [kind for kind, wanted_ in wanted.items() if wanted_ or kind in person.asks]


def item_kinds(person: Person) -> list[str]:
    """Every item the case of this person should hold as applicable."""
    if not person.local:
        return []
    stops = {
        "HUKOU_CANCELLATION": True,
        "DRIVING_LICENCE_CANCELLATION": person.licence,
        "SOCIAL_INSURANCE_SUSPENSION": person.draws_benefits,
        "UNEMPLOYMENT_BENEFIT_STOP": person.unemployment is not None,
        "MEDICAL_INSURANCE_TERMINATION": True,
        "SOCIAL_ASSISTANCE_TERMINATION": person.assistance is not None,
        "ELDERLY_SUBSIDY_TERMINATION": person.elderly_subsidy is not None,
        "DISABILITY_SUBSIDY_TERMINATION": person.disability_subsidy is not None,
        "VETERAN_BENEFIT_SETTLEMENT": person.veteran is not None,
        "DISABILITY_CERTIFICATE_CANCELLATION": person.disability_certificate is not None,
    }
    return certificate_kinds(person) + [kind for kind, held in stops.items() if held] + optional_items(person)


def account_mismatch(person: Person) -> bool:
    return person.payout.account_name != person.applicant.name


def nothing_within_limit(person: Person) -> bool:
    """The bank pays what is within the limit, bank by bank; it refuses only when nothing is."""
    return bool(person.deposits) and all(deposit.balance > SMALL_DEPOSIT_LIMIT for deposit in person.deposits)


# Refused without a paper the guide lists: civil affairs issues no grave-use or burial certificate
# without the cemetery contract or the burial-place statement (mocks/agencies/minzheng.py).
NEEDS_A_PAPER = ("GRAVE_USE_CERTIFICATE", "BURIAL_CERTIFICATE")
# Paid to an heir or answered to one: refused to an heir the register does not show without the
# proof of the relationship (mocks/materials.py, unproved_heir).
HEIRS_ONLY = (*PAYOUT_KINDS, "VETERAN_BENEFIT_SETTLEMENT", "WILL_NOTARY_CHECK", "EQUITY_REGISTRATION_QUERY")


def unregistered_heir(person: Person) -> bool:
    return person.applicant.id_number not in person.relatives


def expected_rejections(person: Person, *, with_papers: bool = False) -> list[str]:
    """`with_papers`: the application came with the papers the guide lists (一套材料). Without them
    the housing fund refuses every withdrawal (it needs the employer's sealing certificate), civil
    affairs the grave-use or burial certificate, and every agency paying or answering an heir the
    register does not show refuses that heir."""
    asked = optional_items(person)
    rejected = {kind for kind in PAYOUT_KINDS if kind in asked and account_mismatch(person)}
    if (not person.housing_sealed or not with_papers) and "HOUSING_FUND_WITHDRAWAL" in asked:
        rejected.add("HOUSING_FUND_WITHDRAWAL")
    if person.veteran_disability_pension is not None and account_mismatch(person):
        rejected.add("VETERAN_BENEFIT_SETTLEMENT")  # its funeral allowance goes to the applicant only
    if nothing_within_limit(person) and "SMALL_DEPOSIT_WITHDRAWAL" in asked:
        rejected.add("SMALL_DEPOSIT_WITHDRAWAL")
    if not with_papers:
        rejected |= set(NEEDS_A_PAPER) | (set(HEIRS_ONLY) if unregistered_heir(person) else set())
    applicable = item_kinds(person) if person.local else asked
    return [kind for kind in applicable if kind in rejected]


def expected_correction(person: Person) -> dict[str, Any] | None:
    """What a resubmission must change in the form; {} means resubmit unchanged later (with the
    papers asked for); None: no correction of the form helps."""
    if account_mismatch(person):
        return {"payoutAccount": {"accountName": person.applicant.name}}
    if not person.housing_sealed:
        return {}  # the employer seals the account (and gives its certificate) a few seconds after the first refusal
    return None
