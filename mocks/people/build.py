"""Builders the population files use, so each person reads as one short paragraph of data."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from mocks.people.idcard import id_number
from mocks.people.model import Account, Applicant, Person
from mocks.people.regions import REGIONS, place_of_death


def _digits(seed: str, width: int) -> str:
    """Stable pseudo-random digits (account and phone numbers) derived from an identity number."""
    return f"{int(hashlib.sha256(seed.encode()).hexdigest(), 16) % 10**width:0{width}d}"


def kin(name: str, relationship: str, region: str, born: str, sequence: int) -> Applicant:
    number = id_number(region, born, sequence)
    return Applicant(name, number, f"13{_digits(number, 9)}", relationship)


def deceased(
    name: str,
    region: str,
    born: str,
    sequence: int,
    died: str,
    *,
    applicant: Applicant,
    scenario: str,
    hospital: bool = True,
    place: str | None = None,
    death_type: str = "NORMAL",
    disposal: str = "CREMATION",
    account_name: str | None = None,
    bank: str = "中国工商银行",
    relatives: tuple[str, ...] = (),
    **holdings: Any,
) -> Person:
    number = id_number(region, born, sequence)
    near = () if applicant.relationship == "SPECIFIED_PERSON" else (applicant.id_number,)
    return Person(
        id_number=number,
        name=name,
        death_date=date.fromisoformat(died),
        death_place=place or place_of_death(region, hospital),
        death_type=death_type,
        in_hospital=hospital,
        region=region,
        disposal=disposal,
        applicant=applicant,
        payout=Account(
            f"{bank}{REGIONS[region][0]}分行",
            account_name or applicant.name,
            f"62{_digits(applicant.id_number + bank, 17)}",
        ),
        scenario=scenario,
        relatives=near + relatives,
        **holdings,
    )
