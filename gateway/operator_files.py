"""Files an operator keeps beside the settings: read here, checked by the pure domain."""

from __future__ import annotations

import json
from pathlib import Path

from gateway.domain.deadlines import OperatorSchedule, parse_operator_schedule


def load_operator_schedule(path: Path) -> OperatorSchedule:
    """The working-day schedule for years the `chinesecalendar` package does not know yet."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not valid JSON ({error})") from error
    return parse_operator_schedule(content, str(path))
