"""itemCatalogue over HTTP carries the guide, with the operator's time limits; a bad file stops the start."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.inprocess import gateway_in_process

CATALOGUE = """{ itemCatalogue { kind timeLimitWorkingDays guide {
  materials { name neededWhen }
  timeLimit { workingDays source basis }
  handledBy { agency agencyName office }
  resultNotice resultNoticeText } } }"""


def _limits_file(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "time-limits.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


async def _catalogue(tmp_path: Path, **settings: Any) -> dict[str, dict[str, Any]]:
    async with gateway_in_process(tmp_path, **settings) as gateway:
        body = (await gateway.graphql(CATALOGUE)).json()  # public: no token
    assert "errors" not in body, body
    return {entry["kind"]: entry for entry in body["data"]["itemCatalogue"]}


async def test_the_catalogue_tells_each_items_materials_limit_office_and_notice(tmp_path: Path) -> None:
    limits = _limits_file(tmp_path, {"FUNERAL_GRANT": 10})
    catalogue = await _catalogue(tmp_path, time_limits_file=limits)

    grant = catalogue["FUNERAL_GRANT"]
    assert grant["timeLimitWorkingDays"] == 10
    assert grant["guide"]["timeLimit"]["workingDays"] == 10
    assert grant["guide"]["timeLimit"]["source"] == "OPERATOR_SETTING"
    assert grant["guide"]["handledBy"] == {
        "agency": "HRSS", "agencyName": "人力资源社会保障部门", "office": "社会保险经办机构"
    }  # fmt: skip
    assert grant["guide"]["resultNotice"] == "PAYMENT"
    assert {"name": "申请人居民身份证", "neededWhen": None} in grant["guide"]["materials"]

    fund = catalogue["HOUSING_FUND_WITHDRAWAL"]["guide"]
    assert fund["timeLimit"]["source"] == "PLAN" and fund["timeLimit"]["workingDays"] == 3
    assert "3个工作日办结" in fund["timeLimit"]["basis"]
    assert any("封存证明" in m["name"] for m in fund["materials"])

    survivor = catalogue["SURVIVOR_BENEFIT"]
    assert survivor["timeLimitWorkingDays"] == 5 and survivor["guide"]["timeLimit"]["source"] == "DEFAULT"


async def test_a_bad_time_limits_file_stops_the_start_naming_the_file_and_key(tmp_path: Path) -> None:
    limits = _limits_file(tmp_path, {"DRIVING_LICENCE_CANCELLATION": 3})
    with pytest.raises(ValueError, match="'DRIVING_LICENCE_CANCELLATION' has the plan's own limit") as refused:
        await _catalogue(tmp_path, time_limits_file=limits)
    assert str(refused.value).startswith(f"{limits}: ")
