"""The seeded population of deceased people the imitation agencies hold records on.

Stable across runs: plain data, identity numbers derived by GB 11643, no clock and no randomness.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from mocks.people import elsewhere, guyuan, shizuishan, wuzhong, yinchuan, zhongwei
from mocks.people.model import Person
from mocks.people.outcomes import expected_correction, expected_rejections, optional_items

__all__ = ["Person", "as_json", "find", "population"]


@cache
def population() -> tuple[Person, ...]:
    places = (yinchuan, shizuishan, wuzhong, guyuan, zhongwei, elsewhere)
    return tuple(person for place in places for person in place.people())


@cache
def _index() -> dict[str, Person]:
    return {person.id_number: person for person in population()}


def find(id_number: str) -> Person | None:
    return _index().get(id_number)


def as_json(person: Person) -> dict[str, Any]:
    """What a client needs to fill the unified application for this person, and what to expect."""
    return {
        "idNumber": person.id_number,
        "name": person.name,
        "gender": person.gender,
        "agencies": person.agencies(),
        "deathDate": person.death_date.isoformat(),
        "deathPlace": person.death_place,
        "deathType": person.death_type,
        "diedInMedicalInstitution": person.in_hospital,
        "householdRegionCode": person.region,
        "disposal": person.disposal,
        "incidentRegionCode": person.incident_region,
        "applicant": {
            "name": person.applicant.name,
            "idNumber": person.applicant.id_number,
            "phone": person.applicant.phone,
            "relationship": person.applicant.relationship,
        },
        "payoutAccount": {
            "bankName": person.payout.bank_name,
            "accountName": person.payout.account_name,
            "accountNumber": person.payout.account_number,
        },
        "optionalItems": optional_items(person),
        "scenario": person.scenario,
        "expect": {
            "rejections": expected_rejections(person),
            "correction": expected_correction(person),
            "outOfScope": not person.local,  # the gateway should refuse the application outright
        },
    }
