"""`serve` and `worker` check the operator's files before anything starts: one line, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gateway.__main__ import main


@pytest.mark.parametrize("command", ["serve", "worker"])
def test_a_bad_time_limits_file_stops_the_start_with_one_line_naming_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    limits = tmp_path / "time-limits.json"
    limits.write_text(json.dumps({"FUNERAL_GRANT": 0}), encoding="utf-8")
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GATEWAY_TIME_LIMITS_FILE", str(limits))
    assert main([command]) == 2
    error = capsys.readouterr().err.strip()
    assert error == (
        f"invalid operator file: {limits}: 'FUNERAL_GRANT' must be a whole number of working days from 1 to 60, got 0"
    )


def test_a_missing_time_limits_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GATEWAY_TIME_LIMITS_FILE", str(tmp_path / "absent.json"))
    assert main(["serve"]) == 2
    assert "absent.json" in capsys.readouterr().err
