"""docs/alerts.yml is a Prometheus rule file whose expressions name only metrics the gateway exposes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from tests.support.inprocess import gateway_in_process

ROOT = Path(__file__).resolve().parent.parent.parent
SUFFIXES = ("", "_total", "_bucket", "_sum", "_count")


def rules() -> list[dict[str, Any]]:
    loaded = yaml.safe_load((ROOT / "docs" / "alerts.yml").read_text(encoding="utf-8"))
    return [rule for group in loaded["groups"] for rule in group["rules"]]


def test_every_rule_is_an_alert_with_an_expression_a_severity_and_a_summary() -> None:
    found = rules()
    assert len(found) >= 5
    for rule in found:
        assert set(rule) == {"alert", "expr", "for", "labels", "annotations"}, rule["alert"]
        assert rule["labels"]["severity"] in {"page", "ticket"}
        assert rule["annotations"]["summary"]


async def test_every_gateway_metric_an_alert_names_is_exposed(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gateway:
        text = (await gateway.http.get("/metrics")).text
    families = set(re.findall(r"^# TYPE (\S+) ", text, flags=re.MULTILINE))
    exposed = {family + suffix for family in families for suffix in SUFFIXES}
    named = {name for rule in rules() for name in re.findall(r"\bgateway_[a-z_]+", rule["expr"])}
    assert named
    assert named <= exposed
