"""Upload limits that could never let a file through are refused at start."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gateway.settings import Settings


def test_a_request_limit_below_the_file_limit_is_refused() -> None:
    with pytest.raises(ValidationError, match="GATEWAY_MAX_UPLOAD_TOTAL_BYTES"):
        Settings(max_upload_bytes=2048, max_upload_total_bytes=1024)


def test_the_defaults_take_a_few_scans_and_keep_json_bodies_small() -> None:
    settings = Settings()
    assert settings.max_upload_bytes < settings.max_upload_total_bytes
    assert settings.max_body_bytes < settings.max_upload_bytes
