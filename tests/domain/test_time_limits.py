"""Time limits: the plan's own, the operator's file, the defaults; a bad file refused by its key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adapters.kinds import ItemKind
from gateway.domain.time_limits import (
    BUSINESS_DEFAULT_DAYS,
    CERTIFICATE_DEFAULT_DAYS,
    PLAN_LIMITS,
    LimitSource,
    TimeLimits,
    parse_time_limits,
)
from gateway.operator_files import load_time_limits

K = ItemKind


def test_the_plan_fixes_one_day_for_cancellations_and_three_for_the_housing_fund() -> None:
    limits = TimeLimits()
    assert [limits.of(k).working_days for k in PLAN_LIMITS] == [1, 1, 3]
    assert {limits.of(k).source for k in PLAN_LIMITS} == {LimitSource.PLAN}
    assert "1个工作日内完成户口注销" in limits.of(K.HUKOU_CANCELLATION).basis
    assert "住房公积金提取事项3个工作日办结" in limits.of(K.HOUSING_FUND_WITHDRAWAL).basis


def test_without_a_file_the_limits_the_plan_leaves_open_are_defaults() -> None:
    limits = TimeLimits()
    assert limits.of(K.FUNERAL_GRANT).working_days == BUSINESS_DEFAULT_DAYS
    assert limits.of(K.FUNERAL_GRANT).source is LimitSource.DEFAULT
    assert limits.of(K.CREMATION_CERTIFICATE).working_days == CERTIFICATE_DEFAULT_DAYS


def test_limits_from_the_file_override_the_defaults_and_leave_the_rest() -> None:
    limits = parse_time_limits({"FUNERAL_GRANT": 10, "MEDICAL_DEATH_CERTIFICATE": 2}, "limits.json")
    assert limits.of(K.FUNERAL_GRANT).working_days == 10
    assert limits.of(K.FUNERAL_GRANT).source is LimitSource.OPERATOR_SETTING
    assert limits.days(K.MEDICAL_DEATH_CERTIFICATE) == 2
    assert limits.of(K.SURVIVOR_BENEFIT).source is LimitSource.DEFAULT


def test_every_item_kind_has_a_positive_limit_and_a_basis() -> None:
    limits = TimeLimits()
    assert all(limits.days(k) >= 1 and limits.of(k).basis for k in ItemKind)


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ({"FUNERAL_GRANTS": 10}, "'FUNERAL_GRANTS' is not an item kind"),
        ({"FUNERAL_GRANT": 0}, "'FUNERAL_GRANT' must be a whole number of working days from 1 to 60, got 0"),
        ({"FUNERAL_GRANT": "10"}, "'FUNERAL_GRANT' must be a whole number"),
        ({"FUNERAL_GRANT": 2.5}, "'FUNERAL_GRANT' must be a whole number"),
        ({"FUNERAL_GRANT": True}, "'FUNERAL_GRANT' must be a whole number"),
        ({"SURVIVOR_BENEFIT": 61}, "'SURVIVOR_BENEFIT' must be a whole number"),
        ({"HUKOU_CANCELLATION": 2}, "'HUKOU_CANCELLATION' has the plan's own limit of 1 working day(s)"),
        (["FUNERAL_GRANT"], "expected an object of item kinds and working days"),
    ],
)
def test_a_bad_file_is_refused_naming_the_file_and_the_key(content: object, named: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_time_limits(content, "/etc/limits.json")
    assert str(refused.value).startswith("/etc/limits.json: ") and named in str(refused.value)


def test_the_operator_file_is_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "limits.json"
    path.write_text(json.dumps({"PENSION_ACCOUNT_REFUND": 15}), encoding="utf-8")
    assert load_time_limits(path).days(K.PENSION_ACCOUNT_REFUND) == 15
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        load_time_limits(path)
