"""Submitting cases of the mocks' population straight through the gateway's services."""

from __future__ import annotations

from datetime import date
from typing import Any

from adapters.kinds import ItemKind
from gateway.cases.applications import submit
from gateway.cases.forms import ApplicantForm, ApplicationForm, BankAccountForm, DeceasedForm
from gateway.security.tokens import Principal, Role
from gateway.services import Services
from gateway.store.models import CaseRow
from mocks.people import as_json, population

ADMIN = Principal(Role.ADMIN, "tests")


def local_people() -> list[dict[str, Any]]:
    return [as_json(p) for p in population() if as_json(p)["householdRegionCode"].startswith("64")]


def form_of(person: dict[str, Any], channel: str = "APP") -> ApplicationForm:
    d, a, account = person, person["applicant"], person["payoutAccount"]
    deceased = DeceasedForm(
        d["name"], d["idNumber"], date.fromisoformat(d["deathDate"]), d["deathPlace"], d["deathType"],
        d["diedInMedicalInstitution"], d["householdRegionCode"], d["disposal"],
    )  # fmt: skip
    applicant = ApplicantForm(a["name"], a["idNumber"], a["phone"], a["relationship"])
    payout = BankAccountForm(account["bankName"], account["accountName"], account["accountNumber"])
    return ApplicationForm(channel, deceased, applicant, payout, tuple(ItemKind(k) for k in person["optionalItems"]))


async def submit_people(services: Services, count: int) -> list[CaseRow]:
    return [await submit(services, ADMIN, form_of(p), None) for p in local_people()[:count]]
