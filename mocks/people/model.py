"""One deceased person as the agencies' systems know them, and what follows from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mocks.people.idcard import gender
from mocks.people.regions import in_ningxia

SMALL_DEPOSIT_LIMIT = Decimal("50000.00")  # per bank, national rule since 2024-06-01 (DOMAIN §3)
PAYOUT_KINDS = (
    "PENSION_ACCOUNT_REFUND",
    "FUNERAL_GRANT",
    "SURVIVOR_BENEFIT",
    "MEDICAL_ACCOUNT_WITHDRAWAL",
    "HOUSING_FUND_WITHDRAWAL",
    "SMALL_DEPOSIT_WITHDRAWAL",
)


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str
    phone: str
    relationship: str  # SPOUSE | CHILD | PARENT | ... | SPECIFIED_PERSON


@dataclass(frozen=True)
class Account:
    bank_name: str
    account_name: str
    account_number: str


@dataclass(frozen=True)
class Pension:
    balance: Decimal  # the individual account (个人账户)
    monthly: Decimal | None = None  # None: still working, drew no pension
    paid_through: str | None = None  # "YYYY-MM", the last month a pension was paid for


@dataclass(frozen=True)
class Shareholding:
    company: str
    credit_code: str  # 统一社会信用代码
    capital: Decimal  # subscribed capital, 万元
    ratio: str


@dataclass(frozen=True)
class Deposit:
    bank: str
    balance: Decimal


@dataclass(frozen=True)
class Person:
    id_number: str
    name: str
    death_date: date
    death_place: str
    death_type: str  # NORMAL | ABNORMAL
    in_hospital: bool
    region: str
    disposal: str  # CREMATION | BURIAL
    applicant: Applicant
    payout: Account
    scenario: str
    relatives: tuple[str, ...] = ()  # near relatives on the household register (公安)
    licence: bool = False
    grave: str | None = None  # cemetery holding a reserved grave
    assistance: str | None = None  # 低保 | 特困
    elderly_subsidy: Decimal | None = None
    disability_subsidy: Decimal | None = None
    pension: Pension | None = None
    survivor_months: int | None = None  # 9..24 months of the base, when dependants survive
    unemployment: Decimal | None = None
    medical_balance: Decimal | None = None
    housing_fund: Decimal | None = None
    housing_sealed: bool = True
    veteran: str | None = None
    # A disabled veteran's monthly disability pension, as the veterans' agency records it.
    veteran_disability_pension: Decimal | None = None
    disability_certificate: str | None = None  # e.g. 肢体二级
    will: str | None = None  # the notary office holding a notarized will
    shares: tuple[Shareholding, ...] = ()
    deposits: tuple[Deposit, ...] = ()
    asks: tuple[str, ...] = ()  # optional items the family asks for beyond what their holdings suggest
    incident_region: str | None = None  # a non-normal death away from home: the county where it happened

    @property
    def gender(self) -> str:
        return gender(self.id_number)

    @property
    def local(self) -> bool:
        return in_ningxia(self.region)

    @property
    def insured(self) -> bool:
        return self.pension is not None

    @property
    def draws_benefits(self) -> bool:
        return bool(self.pension and self.pension.monthly) or self.unemployment is not None

    def agencies(self) -> list[str]:
        if not self.local:
            return []
        holds = {
            "HEALTH": self.death_type == "NORMAL",
            "PUBLIC_SECURITY": True,
            "CIVIL_AFFAIRS": True,
            "HRSS": self.insured,
            "MEDICAL_SECURITY": True,
            "HOUSING_FUND": self.housing_fund is not None,
            "VETERANS_AFFAIRS": self.veteran is not None,
            "DISABLED_PERSONS_FEDERATION": self.disability_certificate is not None,
            "JUSTICE": self.will is not None,
            "MARKET_REGULATION": bool(self.shares),
            "FINANCIAL_REGULATION": bool(self.deposits),
        }
        return [agency for agency, held in holds.items() if held]
