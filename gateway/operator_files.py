"""Files an operator keeps beside the settings: read here, checked by the pure domain."""

from __future__ import annotations

import json
from pathlib import Path

from gateway.domain.deadlines import OperatorSchedule, parse_operator_schedule
from gateway.domain.time_limits import TimeLimits, parse_time_limits
from gateway.edge.persisted import parse_manifest


def load_operator_schedule(path: Path) -> OperatorSchedule:
    """The working-day schedule for years the `chinesecalendar` package does not know yet."""
    return parse_operator_schedule(_json(path), str(path))


def load_time_limits(path: Path) -> TimeLimits:
    """The working days each agency promises for the items whose limit the plan leaves open."""
    return parse_time_limits(_json(path), str(path))


def load_trusted_documents(path: Path) -> dict[str, str]:
    """The operations an app build registered (its persisted-query manifest), by sha256."""
    return parse_manifest(_json(path), str(path))


def _json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not valid JSON ({error})") from error
