import re

import pytest

from adapters.kinds import Agency, CertificateKind, Fact, ItemKind
from gateway.domain.catalogue import AGENCY_NAMES, BY_KIND, CATALOGUE, ItemDefinition, definition, kinds_of
from gateway.domain.circumstances import FACT_SOURCES, Circumstances
from gateway.domain.rules import applicable_kinds, missing_prerequisites, releasable
from gateway.domain.status import ItemStatus

K, S = ItemKind, ItemStatus
HAN = re.compile(r"[\u4e00-\u9fff]")
HRSS_CLAIMS = (K.PENSION_ACCOUNT_REFUND, K.FUNERAL_GRANT, K.SURVIVOR_BENEFIT)
EVERY_FACT = frozenset(Fact)
FACT_OF: dict[ItemKind, Fact] = {
    K.DRIVING_LICENCE_CANCELLATION: Fact.DRIVING_LICENCE,
    K.SOCIAL_INSURANCE_SUSPENSION: Fact.SOCIAL_INSURANCE_BENEFITS,
    K.PENSION_ACCOUNT_REFUND: Fact.PENSION_ACCOUNT,
    K.FUNERAL_GRANT: Fact.INSURED,
    K.SURVIVOR_BENEFIT: Fact.SURVIVORS,
    K.UNEMPLOYMENT_BENEFIT_STOP: Fact.UNEMPLOYMENT_BENEFITS,
    K.MEDICAL_INSURANCE_TERMINATION: Fact.MEDICAL_INSURED,
    K.MEDICAL_ACCOUNT_WITHDRAWAL: Fact.MEDICAL_ACCOUNT_BALANCE,
    K.HOUSING_FUND_WITHDRAWAL: Fact.HOUSING_FUND_ACCOUNT,
    K.SOCIAL_ASSISTANCE_TERMINATION: Fact.SOCIAL_ASSISTANCE,
    K.ELDERLY_SUBSIDY_TERMINATION: Fact.ELDERLY_SUBSIDY,
    K.DISABILITY_SUBSIDY_TERMINATION: Fact.DISABILITY_SUBSIDY,
    K.VETERAN_BENEFIT_SETTLEMENT: Fact.VETERAN,
    K.DISABILITY_CERTIFICATE_CANCELLATION: Fact.DISABILITY_CERTIFICATE,
    K.SMALL_DEPOSIT_WITHDRAWAL: Fact.DEPOSITS,
}


def applicable(circumstances: Circumstances, optional: frozenset[ItemKind] | None = None) -> set[ItemKind]:
    return {k for k, applies in applicable_kinds(circumstances, optional).items() if applies}


def fresh_case(
    death_type: str = "NORMAL", disposal: str = "CREMATION", facts: frozenset[Fact] = EVERY_FACT
) -> dict[ItemKind, ItemStatus]:
    """Statuses just after judging: applicable items wait, the rest do not apply."""
    kinds = applicable(Circumstances(death_type, disposal, facts))
    return {d.kind: S.WAITING if d.kind in kinds else S.NOT_APPLICABLE for d in CATALOGUE}


def completed(statuses: dict[ItemKind, ItemStatus], *kinds: ItemKind) -> dict[ItemKind, ItemStatus]:
    return {**statuses, **dict.fromkeys(kinds, S.COMPLETED)}


def test_the_catalogue_holds_all_23_item_kinds_exactly_once() -> None:
    kinds = [d.kind for d in CATALOGUE]
    assert len(kinds) == len(ItemKind) == 23
    assert set(kinds) == set(ItemKind)
    assert set(BY_KIND) == set(ItemKind)


@pytest.mark.parametrize("item", CATALOGUE, ids=lambda d: d.kind.value)
def test_every_item_has_a_chinese_title_a_named_agency_and_a_condition(item: ItemDefinition) -> None:
    assert HAN.search(item.title)
    assert HAN.search(item.applies_when)
    assert item.agency in AGENCY_NAMES
    assert definition(item.kind) is item


def test_certificates_are_exactly_the_five_certificate_kinds() -> None:
    certificates = {d.kind.value: d.certificate for d in CATALOGUE if d.certificate is not None}
    assert set(certificates) == {c.value for c in CertificateKind}
    assert all(kind == certificate.value for kind, certificate in certificates.items())


def test_certificates_are_never_optional_and_jointly_handled_items_issue_none() -> None:
    assert not any(d.optional for d in CATALOGUE if d.certificate is not None)
    assert BY_KIND[K.HUKOU_CANCELLATION].certificate is None


def test_each_agency_owns_its_items() -> None:
    assert kinds_of(Agency.HRSS) == {
        K.SOCIAL_INSURANCE_SUSPENSION,
        K.PENSION_ACCOUNT_REFUND,
        K.FUNERAL_GRANT,
        K.SURVIVOR_BENEFIT,
        K.UNEMPLOYMENT_BENEFIT_STOP,
    }
    assert kinds_of(Agency.HEALTH) == {K.MEDICAL_DEATH_CERTIFICATE}
    assert set().union(*(kinds_of(a) for a in Agency)) == set(ItemKind)


def test_every_fact_names_the_agency_whose_records_establish_it() -> None:
    assert set(FACT_SOURCES) == set(Fact)


@pytest.mark.parametrize(
    ("death_type", "issued", "not_issued"),
    [
        ("NORMAL", K.MEDICAL_DEATH_CERTIFICATE, K.ABNORMAL_DEATH_CERTIFICATE),
        ("ABNORMAL", K.ABNORMAL_DEATH_CERTIFICATE, K.MEDICAL_DEATH_CERTIFICATE),
    ],
)
def test_the_kind_of_death_decides_which_death_certificate_applies(
    death_type: str, issued: ItemKind, not_issued: ItemKind
) -> None:
    kinds = applicable(Circumstances(death_type, "CREMATION"))
    assert issued in kinds
    assert not_issued not in kinds


def test_cremation_with_a_reserved_grave_needs_cremation_and_grave_use_certificates() -> None:
    kinds = applicable(Circumstances("NORMAL", "CREMATION", frozenset({Fact.GRAVE_RESERVED})))
    assert {K.CREMATION_CERTIFICATE, K.GRAVE_USE_CERTIFICATE} <= kinds
    assert K.BURIAL_CERTIFICATE not in kinds


def test_cremation_without_a_grave_needs_a_burial_certificate_instead() -> None:
    kinds = applicable(Circumstances("NORMAL", "CREMATION"))
    assert {K.CREMATION_CERTIFICATE, K.BURIAL_CERTIFICATE} <= kinds
    assert K.GRAVE_USE_CERTIFICATE not in kinds


def test_a_body_burial_needs_no_cremation_certificate() -> None:
    kinds = applicable(Circumstances("NORMAL", "BURIAL"))
    assert K.CREMATION_CERTIFICATE not in kinds
    assert K.BURIAL_CERTIFICATE in kinds


def test_hukou_cancellation_applies_even_when_no_record_says_anything() -> None:
    assert applicable(Circumstances("ABNORMAL", "BURIAL")) == {
        K.ABNORMAL_DEATH_CERTIFICATE,
        K.BURIAL_CERTIFICATE,
        K.HUKOU_CANCELLATION,
        K.WILL_NOTARY_CHECK,
        K.EQUITY_REGISTRATION_QUERY,
    }


@pytest.mark.parametrize(("kind", "fact"), FACT_OF.items(), ids=lambda v: v.value)
def test_an_item_applies_only_when_the_records_hold_its_fact(kind: ItemKind, fact: Fact) -> None:
    assert kind in applicable(Circumstances("NORMAL", "CREMATION", frozenset({fact})))
    assert kind not in applicable(Circumstances("NORMAL", "CREMATION", EVERY_FACT - {fact}))


def test_every_offered_item_applies_when_the_family_chose_nothing_in_particular() -> None:
    kinds = applicable(Circumstances("NORMAL", "CREMATION", EVERY_FACT), optional=None)
    assert {d.kind for d in CATALOGUE if d.optional} <= kinds


def test_optional_items_apply_only_when_chosen() -> None:
    kinds = applicable(Circumstances("NORMAL", "CREMATION", EVERY_FACT), optional=frozenset({K.FUNERAL_GRANT}))
    assert K.FUNERAL_GRANT in kinds
    assert not kinds & ({d.kind for d in CATALOGUE if d.optional} - {K.FUNERAL_GRANT})


def test_stops_apply_even_when_no_optional_item_was_chosen() -> None:
    kinds = applicable(Circumstances("NORMAL", "CREMATION", EVERY_FACT), optional=frozenset())
    assert kinds == {d.kind for d in CATALOGUE if not d.optional} - {
        K.ABNORMAL_DEATH_CERTIFICATE,
        K.BURIAL_CERTIFICATE,
    }


def test_a_chosen_item_still_needs_its_fact() -> None:
    chosen = frozenset({K.HOUSING_FUND_WITHDRAWAL})
    assert K.HOUSING_FUND_WITHDRAWAL not in applicable(Circumstances("NORMAL", "CREMATION"), chosen)


def test_an_agency_that_could_not_be_asked_keeps_its_items() -> None:
    circumstances = Circumstances("NORMAL", "CREMATION", unknown_agencies=frozenset({Agency.HRSS}))
    kinds = applicable(circumstances)
    assert kinds_of(Agency.HRSS) <= kinds
    assert K.MEDICAL_INSURANCE_TERMINATION not in kinds


def test_an_unreachable_civil_affairs_keeps_the_grave_use_certificate_rather_than_the_burial_one() -> None:
    circumstances = Circumstances("NORMAL", "CREMATION", unknown_agencies=frozenset({Agency.CIVIL_AFFAIRS}))
    assert circumstances.holds(Fact.GRAVE_RESERVED)
    assert not circumstances.known_absent(Fact.GRAVE_RESERVED)
    kinds = applicable(circumstances)
    assert K.GRAVE_USE_CERTIFICATE in kinds
    assert K.BURIAL_CERTIFICATE not in kinds


@pytest.mark.parametrize(
    ("death_type", "certificate"),
    [("NORMAL", K.MEDICAL_DEATH_CERTIFICATE), ("ABNORMAL", K.ABNORMAL_DEATH_CERTIFICATE)],
)
def test_nothing_but_the_death_certificate_is_released_first(death_type: str, certificate: ItemKind) -> None:
    assert releasable(fresh_case(death_type)) == [certificate]


def test_the_death_certificate_releases_the_stops_and_cremation_but_not_the_hrss_claims() -> None:
    released = set(releasable(completed(fresh_case(), K.MEDICAL_DEATH_CERTIFICATE)))
    assert {K.HUKOU_CANCELLATION, K.CREMATION_CERTIFICATE, K.SOCIAL_INSURANCE_SUSPENSION} <= released
    assert not released & {*HRSS_CLAIMS, K.GRAVE_USE_CERTIFICATE, K.MEDICAL_DEATH_CERTIFICATE}


@pytest.mark.parametrize("claim", HRSS_CLAIMS)
def test_hrss_claims_wait_for_hukou_cancellation(claim: ItemKind) -> None:
    after_death_certificate = completed(fresh_case(), K.MEDICAL_DEATH_CERTIFICATE)
    assert claim not in releasable(after_death_certificate)
    assert missing_prerequisites(claim, after_death_certificate) == [K.HUKOU_CANCELLATION]
    assert claim in releasable(completed(after_death_certificate, K.HUKOU_CANCELLATION))


def test_the_grave_use_certificate_waits_for_cremation() -> None:
    statuses = completed(fresh_case(), K.MEDICAL_DEATH_CERTIFICATE)
    assert missing_prerequisites(K.GRAVE_USE_CERTIFICATE, statuses) == [K.CREMATION_CERTIFICATE]
    assert K.GRAVE_USE_CERTIFICATE in releasable(completed(statuses, K.CREMATION_CERTIFICATE))


def test_a_prerequisite_that_does_not_apply_counts_as_satisfied() -> None:
    statuses = completed(fresh_case("NORMAL", "BURIAL", frozenset()), K.MEDICAL_DEATH_CERTIFICATE)
    assert statuses[K.CREMATION_CERTIFICATE] == S.NOT_APPLICABLE
    assert K.BURIAL_CERTIFICATE in releasable(statuses)
    assert missing_prerequisites(K.BURIAL_CERTIFICATE, statuses) == []


@pytest.mark.parametrize("unsettled", [S.REJECTED, S.FAILED, S.DISPATCHED, S.ACCEPTED, S.READY])
def test_a_prerequisite_that_has_not_completed_keeps_dependents_waiting(unsettled: ItemStatus) -> None:
    statuses = {**completed(fresh_case(), K.MEDICAL_DEATH_CERTIFICATE), K.HUKOU_CANCELLATION: unsettled}
    assert not set(releasable(statuses)) & set(HRSS_CLAIMS)
    assert missing_prerequisites(K.FUNERAL_GRANT, statuses) == [K.HUKOU_CANCELLATION]


def test_missing_prerequisites_lists_every_unmet_one_in_catalogue_order() -> None:
    assert missing_prerequisites(K.FUNERAL_GRANT, fresh_case()) == [K.MEDICAL_DEATH_CERTIFICATE, K.HUKOU_CANCELLATION]
    assert missing_prerequisites(K.MEDICAL_DEATH_CERTIFICATE, fresh_case()) == []


def test_only_waiting_items_are_released() -> None:
    statuses = {**fresh_case(), K.MEDICAL_DEATH_CERTIFICATE: S.READY}
    assert releasable(statuses) == []
