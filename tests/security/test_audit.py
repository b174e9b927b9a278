"""The CI dependency audit fails on a known vulnerability and only warns when it cannot ask."""

from __future__ import annotations

import json

from scripts.audit import verdict


def report(*dependencies: dict[str, object]) -> str:
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def test_a_known_vulnerability_fails() -> None:
    found = report(
        {"name": "jinja2", "version": "2.4.1", "vulns": [{"id": "PYSEC-2014-8", "fix_versions": ["2.7.2"]}]},
        {"name": "httpx", "version": "0.28.1", "vulns": []},
    )
    result = verdict(1, found, "")
    assert result.failed and "jinja2 2.4.1: PYSEC-2014-8" in result.message


def test_a_clean_audit_passes() -> None:
    assert not verdict(0, report({"name": "httpx", "version": "0.28.1", "vulns": []}), "").failed


def test_an_unreachable_service_warns_but_does_not_fail() -> None:
    nothing = report({"name": "httpx", "skip_reason": "Dependency not found on PyPI and could not be audited"})
    result = verdict(0, nothing, "")
    assert not result.failed and result.message.startswith("WARNING")
    crashed = verdict(1, "", "requests.exceptions.ConnectionError: Max retries exceeded")
    assert not crashed.failed and "ConnectionError" in crashed.message
