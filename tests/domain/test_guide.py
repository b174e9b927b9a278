"""The guide (办事指南): an entry per item kind, with the materials the plan and DOMAIN.md call for."""

from __future__ import annotations

from adapters.kinds import ItemKind
from gateway.domain.catalogue import CATALOGUE, PAID_TO_THE_FAMILY
from gateway.domain.guide import ACCOUNT, GUIDE, NOTICE_TEXT, ResultNotice, guide

K = ItemKind


def _names(kind: ItemKind) -> list[str]:
    return [m.name for m in guide(kind).materials]


def test_every_item_kind_has_a_guide_entry_and_nothing_else_does() -> None:
    assert set(GUIDE) == set(ItemKind) == {d.kind for d in CATALOGUE}


def test_every_entry_names_an_office_materials_and_how_the_result_is_told() -> None:
    for kind, entry in GUIDE.items():
        assert entry.office and entry.materials, kind
        assert entry.notice_text == NOTICE_TEXT[entry.notice]
        assert "联办平台" in entry.notice_text  # plan 四(三): every result comes back to the platform


def test_a_specified_related_person_proves_the_relationship_differently_from_a_near_relative() -> None:
    needed = {m.needed_when for m in guide(K.FUNERAL_GRANT).materials}
    assert {"申请人为近亲属", "申请人为特定关系人"} <= needed


def test_claims_ask_for_the_inheritance_document_only_where_needed() -> None:
    (inheritance,) = [m for m in guide(K.PENSION_ACCOUNT_REFUND).materials if "继承权公证书" in m.name]
    assert inheritance.needed_when is not None and "遗嘱" in inheritance.needed_when
    (over_limit,) = [m for m in guide(K.SMALL_DEPOSIT_WITHDRAWAL).materials if "继承权公证书" in m.name]
    assert over_limit.needed_when is not None and "5万元" in over_limit.needed_when


def test_the_housing_fund_needs_the_employers_sealing_certificate() -> None:
    assert any("封存证明" in name for name in _names(K.HOUSING_FUND_WITHDRAWAL))


def test_a_death_at_home_is_certified_by_the_local_health_centre_after_the_committee_reports_it() -> None:
    office = guide(K.MEDICAL_DEATH_CERTIFICATE).office
    assert "村(居)委会" in office and ("社区卫生服务机构" in office or "乡镇卫生院" in office)


def test_certificates_are_told_as_certificates_and_payouts_as_payments() -> None:
    assert guide(K.CREMATION_CERTIFICATE).notice is ResultNotice.CERTIFICATE
    assert guide(K.FUNERAL_GRANT).notice is ResultNotice.PAYMENT
    assert guide(K.HUKOU_CANCELLATION).notice is ResultNotice.RECORD_CHANGED
    assert guide(K.WILL_NOTARY_CHECK).notice is ResultNotice.QUERY_ANSWER


def test_stops_ask_nothing_the_agencies_already_hold() -> None:
    assert _names(K.SOCIAL_INSURANCE_SUSPENSION) == ["申请人居民身份证"]


def test_every_item_paying_the_family_asks_for_the_account_and_is_told_as_a_payment() -> None:
    for kind in PAID_TO_THE_FAMILY:
        assert guide(kind).notice is ResultNotice.PAYMENT, kind
        assert ACCOUNT in guide(kind).materials, kind
