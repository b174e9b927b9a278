from __future__ import annotations

import pytest

from tests.fuzz.budget import announcement


def pytest_report_header(config: pytest.Config) -> str:
    return announcement()
