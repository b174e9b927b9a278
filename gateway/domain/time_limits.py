"""How many working days each item may take, and where that number comes from (plan 二, DOMAIN.md §3).

The plan fixes three limits (户口注销 and 驾驶证注销 one working day, 住房公积金提取 three); they
are the plan's and not the operator's to change. Every other item runs to "the limit its business
rules prescribe" (在业务规定时限内办结): each agency's own promise, so the operator sets it in a file
(GATEWAY_TIME_LIMITS_FILE, {"ITEM_KIND": days}) and the defaults below stand in until they do.
The dispatcher's deadlines and the catalogue's guide read the same `TimeLimits`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType

from adapters.kinds import ItemKind

K = ItemKind
MAX_DAYS = 60  # a longer promise is a typo (two months of working days), not a business rule
CERTIFICATE_DEFAULT_DAYS = 1  # "完成后及时在线开具": a certificate is issued at once, within the day
BUSINESS_DEFAULT_DAYS = 5  # DOMAIN.md §3: "a sensible default of 5"

_CANCELLATION = "方案二“证件注销”：公安部门在收到《居民死亡医学证明(推断)书》或《非正常死亡证明》后，分别在1个工作日内完成户口注销及《机动车驾驶证》注销。"
_HOUSING_FUND = "方案二“福利、补贴、待遇停发”：住房公积金提取事项3个工作日办结。"


class LimitSource(Enum):
    PLAN = "PLAN"  # a number the plan itself states
    OPERATOR_SETTING = "OPERATOR_SETTING"  # set in the operator's time-limits file
    DEFAULT = "DEFAULT"  # an operator setting not made yet: the gateway's default stands in


@dataclass(frozen=True)
class PlanLimit:
    days: int
    clause: str


PLAN_LIMITS: Mapping[ItemKind, PlanLimit] = MappingProxyType(
    {
        K.HUKOU_CANCELLATION: PlanLimit(1, _CANCELLATION),
        K.DRIVING_LICENCE_CANCELLATION: PlanLimit(1, _CANCELLATION),
        K.HOUSING_FUND_WITHDRAWAL: PlanLimit(3, _HOUSING_FUND),
    }
)
_CERTIFICATES = frozenset(
    {
        K.MEDICAL_DEATH_CERTIFICATE,
        K.ABNORMAL_DEATH_CERTIFICATE,
        K.CREMATION_CERTIFICATE,
        K.GRAVE_USE_CERTIFICATE,
        K.BURIAL_CERTIFICATE,
    }
)


def default_days(kind: ItemKind) -> int:
    return CERTIFICATE_DEFAULT_DAYS if kind in _CERTIFICATES else BUSINESS_DEFAULT_DAYS


@dataclass(frozen=True)
class TimeLimit:
    working_days: int
    source: LimitSource
    basis: str  # 中文: the plan's clause, or which setting it is


@dataclass(frozen=True)
class TimeLimits:
    """The plan's limits, then the operator's settings, then the defaults."""

    settings: Mapping[ItemKind, int] = field(default_factory=dict)

    def of(self, kind: ItemKind) -> TimeLimit:
        if (fixed := PLAN_LIMITS.get(kind)) is not None:
            return TimeLimit(fixed.days, LimitSource.PLAN, fixed.clause)
        if (days := self.settings.get(kind)) is not None:
            return TimeLimit(days, LimitSource.OPERATOR_SETTING, "运营方设置：方案未规定具体天数，按部门业务规定时限")
        return TimeLimit(default_days(kind), LimitSource.DEFAULT, "运营方尚未设置：方案未规定具体天数，暂按默认时限")

    def days(self, kind: ItemKind) -> int:
        return self.of(kind).working_days


def parse_time_limits(content: object, path: str) -> TimeLimits:
    """Check `{"FUNERAL_GRANT": 10, ...}`, read from `path`; every error names the file and the key."""
    if not isinstance(content, dict):
        raise ValueError(f'{path}: expected an object of item kinds and working days, e.g. {{"FUNERAL_GRANT": 10}}')
    settings = {_parse_kind(path, key): _parse_days(path, key, value) for key, value in content.items()}
    return TimeLimits(MappingProxyType(settings))


def _parse_kind(path: str, key: str) -> ItemKind:
    try:
        kind = ItemKind(key)
    except ValueError:
        raise ValueError(f"{path}: {key!r} is not an item kind (expected one such as 'FUNERAL_GRANT')") from None
    if (fixed := PLAN_LIMITS.get(kind)) is not None:
        raise ValueError(f"{path}: {key!r} has the plan's own limit of {fixed.days} working day(s); remove the key")
    return kind


def _parse_days(path: str, key: str, value: object) -> int:
    # bool is an int in Python: `true` must not read as one day.
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DAYS:
        raise ValueError(f"{path}: {key!r} must be a whole number of working days from 1 to {MAX_DAYS}, got {value!r}")
    return value
