"""What the gateway knows about a deceased person when it decides which items apply."""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.kinds import Agency, Fact

# Which agency's records establish each fact: when that agency could not be asked, the fact is
# unknown and the item is kept (the agency itself answers "no record" when it is dispatched).
FACT_SOURCES: dict[Fact, Agency] = {
    Fact.DIED_IN_MEDICAL_INSTITUTION: Agency.HEALTH,
    Fact.HOUSEHOLD_REGISTERED: Agency.PUBLIC_SECURITY,
    Fact.DRIVING_LICENCE: Agency.PUBLIC_SECURITY,
    Fact.GRAVE_RESERVED: Agency.CIVIL_AFFAIRS,
    Fact.SOCIAL_ASSISTANCE: Agency.CIVIL_AFFAIRS,
    Fact.ELDERLY_SUBSIDY: Agency.CIVIL_AFFAIRS,
    Fact.DISABILITY_SUBSIDY: Agency.CIVIL_AFFAIRS,
    Fact.SOCIAL_INSURANCE_BENEFITS: Agency.HRSS,
    Fact.PENSION_ACCOUNT: Agency.HRSS,
    Fact.INSURED: Agency.HRSS,
    Fact.SURVIVORS: Agency.HRSS,
    Fact.UNEMPLOYMENT_BENEFITS: Agency.HRSS,
    Fact.MEDICAL_INSURED: Agency.MEDICAL_SECURITY,
    Fact.MEDICAL_ACCOUNT_BALANCE: Agency.MEDICAL_SECURITY,
    Fact.HOUSING_FUND_ACCOUNT: Agency.HOUSING_FUND,
    Fact.VETERAN: Agency.VETERANS_AFFAIRS,
    Fact.DISABILITY_CERTIFICATE: Agency.DISABLED_PERSONS_FEDERATION,
    Fact.NOTARIZED_WILL: Agency.JUSTICE,
    Fact.SHAREHOLDINGS: Agency.MARKET_REGULATION,
    Fact.DEPOSITS: Agency.FINANCIAL_REGULATION,
}


@dataclass(frozen=True)
class Circumstances:
    death_type: str  # NORMAL | ABNORMAL
    disposal: str  # CREMATION | BURIAL
    facts: frozenset[Fact] = frozenset()
    unknown_agencies: frozenset[Agency] = field(default_factory=frozenset)

    def holds(self, fact: Fact) -> bool:
        """True when the records say so, or when the agency that would know could not be asked."""
        return fact in self.facts or FACT_SOURCES[fact] in self.unknown_agencies

    def known_absent(self, fact: Fact) -> bool:
        return fact not in self.facts and FACT_SOURCES[fact] not in self.unknown_agencies
