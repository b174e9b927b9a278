"""The adapters' side of the papers, as pure mappings: each puts an item's papers in its agency's
form, reads a refusal for a missing paper as Rejected, and carries a document's return into the result."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from adapters.agencies import civil_affairs, disabled_persons_federation, public_security, veterans_affairs
from adapters.contract import Completed, NoRecord, Rejected
from adapters.kinds import Agency, ItemKind
from adapters.registry import load_specs
from mocks.people import population
from tests.adapters.items import item_request
from tests.adapters.test_agency_contract import KINDS

SOMEONE = next(p for p in population() if p.local)
REFUSED = "缺少公墓或公益性墓地的墓位购买（使用）合同，请补充材料后重新提交"


def values(tree: Any) -> list[Any]:
    """Every value anywhere in a JSON-like tree, the tree's own lists included."""
    if isinstance(tree, dict):
        return [tree, *(v for value in tree.values() for v in values(value))]
    if isinstance(tree, list):
        return [tree, *(v for value in tree for v in values(value))]
    return [tree]


@pytest.mark.parametrize("agency", list(Agency), ids=str)
def test_every_adapter_puts_the_items_papers_in_its_form(agency: Agency) -> None:
    kind = ItemKind(KINDS[agency][0])
    request = item_request(SOMEONE, kind)
    assert request.materials, "the guide lists a paper for every item"
    form = load_specs()[agency].submit_call(request).json
    assert [m.as_json() for m in request.materials] in values(form)


def test_civil_affairs_reads_a_missing_paper_as_a_refusal_the_family_can_act_on() -> None:
    request = item_request(SOMEONE, ItemKind.GRAVE_USE_CERTIFICATE)
    body = {"success": False, "errCode": "CLBQ", "errMsg": REFUSED, "data": None}
    assert civil_affairs.submit_outcome(request, body) == Rejected(REFUSED)
    held = body | {"errCode": "E404", "errMsg": "该人员未预订公墓墓位"}
    assert isinstance(civil_affairs.submit_outcome(request, held), NoRecord)


@pytest.mark.parametrize("returned", [True, False])
def test_the_police_say_whether_the_id_card_came_back(returned: bool) -> None:
    said = "居民身份证已收回" if returned else "居民身份证未交回，已作废"
    body = {"slh": "GA-1", "ywlx": "HKZX", "blpcs": "兴庆区公安分局某派出所", "jg": "BJ", "zxrq": "2026-12-01"}
    outcome = public_security.status_outcome(
        ItemKind.HUKOU_CANCELLATION, body | {"zjjh": str(int(returned)), "zjjhsm": said}
    )
    assert isinstance(outcome, Completed) and said in outcome.result.summary
    assert outcome.result.data["returned"] is returned


def test_the_federation_and_veterans_affairs_say_whether_the_cards_came_back() -> None:
    card = {"zxbh": "CL-1", "zt": "YZX", "cjrzh": "6401", "zxrq": "2026-12-01", "dyzzrq": "2027-01-01", "bljg": "残联"}
    cancelled = disabled_persons_federation.status_outcome(
        ItemKind.DISABILITY_CERTIFICATE_CANCELLATION,
        {"code": 0, "data": card | {"sfjh": False, "jhsm": "残疾人证未交回，已注销作废"}},
    )
    assert isinstance(cancelled, Completed) and "未交回" in cancelled.result.summary
    assert cancelled.result.data["returned"] is False
    settled: dict[str, Any] = {
        "settlementNo": "TY-1",
        "status": "DONE",
        "message": "待遇停发；优待证等证件已收回",
        "stopFrom": "2027-01-01",
    }
    settled |= {
        "category": "退役士兵",
        "lastPaidMonth": "2026-11",
        "office": "退役军人事务局",
        "documentsReturned": True,
    }
    outcome = veterans_affairs.status_outcome(ItemKind.VETERAN_BENEFIT_SETTLEMENT, settled)
    assert isinstance(outcome, Completed) and outcome.result.data["returned"] is True


def test_an_item_without_papers_sends_an_empty_list_not_none() -> None:
    request = dataclasses.replace(item_request(SOMEONE, ItemKind.BURIAL_CERTIFICATE), materials=())
    assert (civil_affairs.submit_call(request).json or {})["cllb"] == []
