"""The one backoff of rescheduled jobs: doubling from the setting's base, capped by a setting, jittered."""

from pathlib import Path
from typing import Any

import pytest

from gateway.dispatch.backoff import JITTER, backoff
from gateway.settings import Settings


def _settings(tmp_path: Path, **values: Any) -> Settings:
    return Settings(data_dir=tmp_path, **values)


@pytest.mark.parametrize(("attempts", "expected"), [(1, 2.0), (2, 4.0), (3, 8.0), (6, 64.0)])
def test_the_wait_doubles_from_the_base_with_each_attempt(tmp_path: Path, attempts: int, expected: float) -> None:
    settings = _settings(tmp_path, dispatch_backoff_seconds=2.0, dispatch_backoff_cap_seconds=3600.0)
    waits = [backoff(settings, attempts) for _ in range(50)]
    assert all(expected * (1 - JITTER) <= w <= expected * (1 + JITTER) for w in waits)


def test_the_wait_stops_growing_at_the_cap_from_settings(tmp_path: Path) -> None:
    settings = _settings(tmp_path, dispatch_backoff_seconds=2.0, dispatch_backoff_cap_seconds=100.0)
    assert all(100.0 * (1 - JITTER) <= backoff(settings, 40) <= 100.0 * (1 + JITTER) for _ in range(50))


def test_a_named_cap_overrides_the_default_one(tmp_path: Path) -> None:
    settings = _settings(tmp_path, dispatch_backoff_seconds=2.0, prepare_backoff_cap_seconds=600.0)
    waits = [backoff(settings, 20, settings.prepare_backoff_cap_seconds) for _ in range(50)]
    assert all(600.0 * (1 - JITTER) <= w <= 600.0 * (1 + JITTER) for w in waits)


def test_jitter_spreads_the_waits_of_many_jobs(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    assert len({backoff(settings, 3) for _ in range(20)}) > 1
