"""Everything starts from an issued death certificate ("以《居民死亡医学证明(推断)书》的死亡日期为准")."""

import pytest

from adapters.kinds import ItemKind
from gateway.domain.catalogue import CATALOGUE, DEATH_CERTIFICATES
from gateway.domain.rules import (
    certificate_obstacle,
    death_certificate_issued,
    death_certificate_unobtainable,
    missing_prerequisites,
    releasable,
    unobtainable_reason,
)
from gateway.domain.status import CaseStatus, ItemStatus
from gateway.domain.transitions import move_case
from tests.domain.test_rules import completed, fresh_case

K, S = ItemKind, ItemStatus
MEDICAL, ABNORMAL = K.MEDICAL_DEATH_CERTIFICATE, K.ABNORMAL_DEATH_CERTIFICATE
DEPENDANTS = [d.kind for d in CATALOGUE if d.kind not in DEATH_CERTIFICATES]


def no_certificate_came(medical: ItemStatus, abnormal: ItemStatus = S.NOT_APPLICABLE) -> dict[ItemKind, ItemStatus]:
    return {**fresh_case(), MEDICAL: medical, ABNORMAL: abnormal}


def test_every_item_but_the_death_certificates_depends_on_one() -> None:
    assert all(set(d.requires) & set(DEATH_CERTIFICATES) for d in CATALOGUE if d.kind in DEPENDANTS)


def test_both_death_certificates_not_applicable_release_nothing() -> None:
    # The defect: a death entered as NORMAL the health agency has no record of came back "no record",
    # both kinds were NOT_APPLICABLE, and every item went out without a certificate.
    statuses = no_certificate_came(S.NOT_APPLICABLE)
    assert releasable(statuses) == []
    assert missing_prerequisites(K.HUKOU_CANCELLATION, statuses) == [MEDICAL, ABNORMAL]


@pytest.mark.parametrize("issued", DEATH_CERTIFICATES)
def test_either_kind_once_issued_releases_the_dependants(issued: ItemKind) -> None:
    other = ABNORMAL if issued == MEDICAL else MEDICAL
    statuses = {**fresh_case(), issued: S.COMPLETED, other: S.NOT_APPLICABLE}
    assert death_certificate_issued(statuses)
    assert K.HUKOU_CANCELLATION in releasable(statuses)
    assert missing_prerequisites(K.HUKOU_CANCELLATION, statuses) == []


def test_an_issued_certificate_of_one_kind_covers_the_other_kind_left_rejected() -> None:
    statuses = {**fresh_case(), MEDICAL: S.COMPLETED, ABNORMAL: S.REJECTED}
    assert K.HUKOU_CANCELLATION in releasable(statuses)


def test_the_missing_certificate_named_is_the_one_that_applies() -> None:
    assert missing_prerequisites(K.HUKOU_CANCELLATION, fresh_case("ABNORMAL")) == [ABNORMAL]


@pytest.mark.parametrize(
    ("medical", "abnormal"),
    [(S.NOT_APPLICABLE, S.NOT_APPLICABLE), (S.REJECTED, S.NOT_APPLICABLE), (S.NOT_APPLICABLE, S.REJECTED)],
)
def test_no_certificate_issued_and_none_still_possible_is_unobtainable(
    medical: ItemStatus, abnormal: ItemStatus
) -> None:
    assert death_certificate_unobtainable(no_certificate_came(medical, abnormal))


@pytest.mark.parametrize("travelling", [S.WAITING, S.READY, S.DISPATCHED, S.ACCEPTED, S.FAILED])
def test_a_certificate_still_on_its_way_is_not_unobtainable(travelling: ItemStatus) -> None:
    assert not death_certificate_unobtainable(no_certificate_came(travelling))


def test_an_issued_certificate_is_never_unobtainable() -> None:
    assert not death_certificate_unobtainable(completed(fresh_case(), MEDICAL))


def test_nothing_waiting_for_a_certificate_is_nothing_to_hold() -> None:
    statuses = {k: S.NOT_APPLICABLE for k in fresh_case()}
    assert not death_certificate_unobtainable(statuses)


def test_the_reason_quotes_what_the_issuer_said() -> None:
    reason = unobtainable_reason({MEDICAL: "卫生健康系统无该人员死亡信息", ABNORMAL: None})
    assert "居民死亡医学证明：卫生健康系统无该人员死亡信息" in reason
    assert "核实死亡类型" in reason and "非正常死亡证明" not in reason.split("（")[1].split("）")[0]


def test_a_normal_death_the_health_system_has_no_record_of_is_foreseen_at_pre_review() -> None:
    reason = certificate_obstacle("NORMAL", death_recorded=False)
    assert reason is not None and "没有逝者的死亡记录" in reason and "核实死亡类型" in reason


@pytest.mark.parametrize(
    ("death_type", "recorded"), [("NORMAL", True), ("NORMAL", None), ("ABNORMAL", False), ("ABNORMAL", True)]
)
def test_no_obstacle_when_the_record_exists_is_unknown_or_the_police_certify(
    death_type: str, recorded: bool | None
) -> None:
    assert certificate_obstacle(death_type, recorded) is None


def test_a_running_case_may_go_back_to_a_clerk() -> None:
    assert move_case(CaseStatus.IN_PROGRESS, CaseStatus.UNDER_REVIEW) == CaseStatus.UNDER_REVIEW
