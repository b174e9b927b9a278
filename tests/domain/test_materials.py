"""One set of materials: the union the applicable items need, minus what data sharing proved."""

from __future__ import annotations

from adapters.kinds import ItemKind, MaterialKind
from gateway.domain.materials import PROVED_BY_SHARING, listed_for, missing, needed

K, MK = ItemKind, MaterialKind


def test_each_material_is_asked_once_however_many_items_need_it() -> None:
    kinds = [K.FUNERAL_GRANT, K.PENSION_ACCOUNT_REFUND, K.HOUSING_FUND_WITHDRAWAL]
    assert needed(kinds, relationship_on_register=False) == {MK.RELATIONSHIP_PROOF, MK.HOUSING_FUND_SEALING_CERTIFICATE}


def test_what_sharing_proved_is_never_asked() -> None:
    every = list(ItemKind)
    assert not needed(every, relationship_on_register=True) & PROVED_BY_SHARING
    assert MK.RELATIONSHIP_PROOF not in needed([K.FUNERAL_GRANT], relationship_on_register=True)


def test_a_conditional_material_is_needed_only_when_a_clerk_asks_for_it() -> None:
    assert MK.INHERITANCE_DOCUMENT in listed_for(K.FUNERAL_GRANT)
    assert MK.INHERITANCE_DOCUMENT not in needed([K.FUNERAL_GRANT], relationship_on_register=True)
    asked = needed([K.FUNERAL_GRANT], relationship_on_register=True, requested=[MK.INHERITANCE_DOCUMENT])
    assert asked == {MK.INHERITANCE_DOCUMENT}


def test_stops_and_cancellations_need_nothing_the_family_must_upload() -> None:
    assert (
        needed([K.SOCIAL_INSURANCE_SUSPENSION, K.MEDICAL_INSURANCE_TERMINATION], relationship_on_register=False)
        == set()
    )


def test_missing_is_what_is_needed_and_not_attached_in_a_stable_order() -> None:
    want = {MK.HOUSING_FUND_SEALING_CERTIFICATE, MK.RELATIONSHIP_PROOF}
    assert missing(want, []) == [MK.RELATIONSHIP_PROOF, MK.HOUSING_FUND_SEALING_CERTIFICATE]
    assert missing(want, [MK.RELATIONSHIP_PROOF]) == [MK.HOUSING_FUND_SEALING_CERTIFICATE]
