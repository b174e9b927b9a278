"""People outside the reform's scope: they died and were registered outside Ningxia (DOMAIN §1)."""

from __future__ import annotations

from decimal import Decimal as D

from mocks.people.build import deceased, kin
from mocks.people.model import Pension, Person


def people() -> list[Person]:
    return [
        deceased(
            "李国栋",
            "610102",
            "19510730",
            13,
            "2026-10-21",
            applicant=kin("李慧", "CHILD", "640104", "19790416", 24),
            scenario="陕西西安户籍，在西安死亡：不属于宁夏“一件事”受理范围，应明确告知不予受理",
            pension=Pension(D("40100.00"), D("3560.00"), "2026-11"),
        ),
    ]
