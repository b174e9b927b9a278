"""Eligibility judged on the agencies' records alone (gateway/domain/rules.py eligibility, records_only)."""

from itertools import product

import pytest

from adapters.kinds import Agency, Fact, ItemKind
from gateway.domain.catalogue import CATALOGUE, ItemDefinition, definition
from gateway.domain.circumstances import Circumstances
from gateway.domain.rules import eligibility, records_only

FORMS = list(product(("NORMAL", "ABNORMAL"), ("CREMATION", "BURIAL")))
FACT_SETS = [frozenset(), frozenset(Fact), frozenset({Fact.GRAVE_RESERVED, Fact.DRIVING_LICENCE})]
NONE: frozenset[Agency] = frozenset()


@pytest.mark.parametrize("item", CATALOGUE, ids=lambda d: d.kind.value)
def test_only_items_decided_by_the_form_depend_on_death_type_or_disposal(item: ItemDefinition) -> None:
    per_facts = [{item.applies(Circumstances(t, p, facts)) for t, p in FORMS} for facts in FACT_SETS]
    assert item.decided_by_form == any(len(answers) > 1 for answers in per_facts)


def test_the_items_decided_by_the_form_are_the_death_and_cremation_certificates() -> None:
    decided = {d.kind for d in CATALOGUE if d.decided_by_form}
    assert decided == {
        ItemKind.MEDICAL_DEATH_CERTIFICATE,
        ItemKind.ABNORMAL_DEATH_CERTIFICATE,
        ItemKind.CREMATION_CERTIFICATE,
    }


def test_an_item_decided_by_the_form_is_described_not_judged() -> None:
    verdict = eligibility(definition(ItemKind.CREMATION_CERTIFICATE), frozenset(), NONE)
    assert verdict.applicable is True
    assert "按申请填写" in verdict.reason


def test_an_item_applies_when_its_agency_records_the_fact() -> None:
    d = definition(ItemKind.DRIVING_LICENCE_CANCELLATION)
    verdict = eligibility(d, frozenset({Fact.DRIVING_LICENCE}), NONE)
    assert (verdict.kind, verdict.applicable) == (d.kind, True)
    assert "记录显示" in verdict.reason


def test_an_item_does_not_apply_when_its_agency_has_no_record() -> None:
    verdict = eligibility(definition(ItemKind.DRIVING_LICENCE_CANCELLATION), frozenset(), NONE)
    assert verdict.applicable is False
    assert "无相关记录" in verdict.reason


def test_an_item_is_kept_when_its_agency_could_not_be_asked() -> None:
    unknown = frozenset({Agency.PUBLIC_SECURITY})
    verdict = eligibility(definition(ItemKind.DRIVING_LICENCE_CANCELLATION), frozenset(), unknown)
    assert verdict.applicable is True
    assert "暂时无法查询" in verdict.reason


def test_records_alone_carry_the_facts_and_the_agencies_not_asked() -> None:
    unknown = frozenset({Agency.HRSS})
    circumstances = records_only(frozenset({Fact.VETERAN}), unknown)
    assert circumstances.holds(Fact.VETERAN)
    assert circumstances.holds(Fact.PENSION_ACCOUNT)  # HRSS could not be asked: kept
    assert circumstances.known_absent(Fact.DRIVING_LICENCE)
