"""What a client sends: the unified application form (统一申请表) and its corrections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from adapters.kinds import ItemKind


@dataclass(frozen=True)
class DeceasedForm:
    name: str
    id_number: str
    death_date: date
    death_place: str
    death_type: str
    died_in_medical_institution: bool
    household_region_code: str
    disposal: str
    incident_region_code: str | None = None  # a non-normal death: where it happened (二: 事发所在地)


@dataclass(frozen=True)
class ApplicantForm:
    name: str
    id_number: str
    phone: str
    relationship: str


@dataclass(frozen=True)
class BankAccountForm:
    bank_name: str
    account_name: str
    account_number: str


@dataclass(frozen=True)
class ContactForm:
    """A second family member told of each milestone by SMS, besides the applicant."""

    name: str
    phone: str


@dataclass(frozen=True)
class ApplicationForm:
    channel: str
    deceased: DeceasedForm
    applicant: ApplicantForm
    payout_account: BankAccountForm | None
    optional_items: tuple[ItemKind, ...] | None
    notify_contact: ContactForm | None = None
    notices: bool = True  # SMS at each milestone; the family may choose none
    home_death_report_id: str | None = None  # a committee's report this application takes over (plan 二)


@dataclass(frozen=True)
class CorrectionForm:
    deceased: DeceasedForm | None = None
    applicant: ApplicantForm | None = None
    payout_account: BankAccountForm | None = None
