"""Notices to the family by SMS, through the real gateway and the real SMS mock (its outbox is the proof)."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.e2e.papers import completed_with_papers
from tests.e2e.test_review_and_withdrawal import WITHDRAW
from tests.support.client import CASE, SUBMIT, GraphQL, application_for
from tests.support.processes import Running
from tests.support.waiting import wait_for

pytestmark = pytest.mark.e2e
SETTLED = {"COMPLETED", "PARTIALLY_COMPLETED"}
CONTACT = {"name": "张丽", "phone": "13709512468"}
FULL_ID = re.compile(r"[0-9]{17}[0-9Xx]")
FULL_MOBILE = re.compile(r"1[3-9][0-9]{9}")
SET_NOTICES = "mutation($c: ID!, $on: Boolean!) { setNotices(caseId: $c, enabled: $on) { case { noticesEnabled } errors { code } } }"


def person(people: list[dict[str, Any]], where: str) -> dict[str, Any]:
    return next(p for p in people if where in p["scenario"])


async def submit(gateway: Running, graphql: GraphQL, p: dict[str, Any], **extra: Any) -> tuple[GraphQL, str]:
    family = graphql.as_(gateway.token("applicant", p["applicant"]["idNumber"]))
    payload = (await family(SUBMIT, {"input": application_for(p) | extra, "key": None}))["submitApplication"]
    assert payload["errors"] == []
    return family, payload["case"]["id"]


async def settled(client: GraphQL, case_id: str) -> dict[str, Any]:
    async def probe() -> dict[str, Any]:
        return (await client(CASE, {"id": case_id}))["case"]  # type: ignore[no-any-return]

    return await wait_for(probe, lambda c: c["status"] in SETTLED, within=60, interval=0.25)


async def outbox(http: httpx.AsyncClient, gateway: Running, *phones: str) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = (await http.get(f"{gateway.mocks_url}/admin/sms")).json()
    return [m for m in sent if m["mobile"] in phones]


async def outbox_settles(
    http: httpx.AsyncClient, gateway: Running, client: GraphQL, case_id: str, *phones: str, last: str = "办结"
) -> Any:
    """Every notice the timeline promised has gone out, `last` among them: as many NOTICE_SENT entries as messages."""

    async def probe() -> tuple[list[dict[str, Any]], dict[str, Any]]:
        return await outbox(http, gateway, *phones), (await client(CASE, {"id": case_id}))["case"]

    def done(seen: tuple[list[dict[str, Any]], dict[str, Any]]) -> bool:
        messages, case = seen
        sent = [e for e in case["timeline"] if e["type"] == "NOTICE_SENT"]
        return bool(messages) and len(sent) == len(messages) and any(last in m["content"] for m in messages)

    return await wait_for(probe, done, within=90, interval=0.3)


def told_of(messages: list[dict[str, Any]], *words: str) -> bool:
    return all(any(word in m["content"] for m in messages) for word in words)


def full_numbers(text: str, p: dict[str, Any]) -> list[str]:
    account = p["payoutAccount"]["accountNumber"]
    return FULL_ID.findall(text) + FULL_MOBILE.findall(text) + ([account] if account in text else [])


async def test_a_completed_case_tells_applicant_and_contact_each_milestone_without_full_numbers(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]], http: httpx.AsyncClient
) -> None:
    p = person(people, "医院死亡，火化后入公墓；退休职工")
    family, case_id = await submit(gateway, graphql, p, notifyContact=CONTACT)
    case = await completed_with_papers(family, case_id)  # refused for the grave contract, then attached
    phone = p["applicant"]["phone"]
    messages, case = await outbox_settles(
        http, gateway, family, case_id, phone, CONTACT["phone"], last="全部事项已办结"
    )

    mine = [m["content"] for m in messages if m["mobile"] == phone]
    assert sorted(mine) == sorted(m["content"] for m in messages if m["mobile"] == CONTACT["phone"])
    assert any("已受理" in t and case["reference"] in t for t in mine)
    for certificate in case["certificates"]:
        assert any(certificate["verificationCode"] in t for t in mine), certificate["kind"]
    paid = [i for i in case["items"] if i["result"] and i["result"]["amount"] and "元已发放" in "".join(mine)]
    tail = p["payoutAccount"]["accountNumber"][-4:]
    assert paid and any(f"尾号{tail}" in t and p["payoutAccount"]["bankName"] in t for t in mine)
    assert any("全部事项已办结" in t for t in mine)
    shown = [e["message"] for e in case["timeline"] if e["type"].startswith("NOTICE_")]
    for text in [*mine, *shown]:
        assert full_numbers(text, p) == [], text
    assert all(m["requests"] == 1 for m in messages)


async def test_an_sms_outage_delays_notices_but_not_the_case(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]], http: httpx.AsyncClient
) -> None:
    p = person(people, "退休人员医院死亡，火化入公墓，持驾驶证，遗属待遇")
    phone = p["applicant"]["phone"]
    await http.put(f"{gateway.mocks_url}/admin/faults/SMS", json={"outage": True})
    try:
        family, case_id = await submit(gateway, graphql, p)
        case = await completed_with_papers(family, case_id)
        assert case["status"] == "COMPLETED", "the outage held up no item"
        # the completion notice may still be on its first try when the case settles: wait for its failure
        await wait_for(
            lambda: family(CASE, {"id": case_id}),
            lambda answer: "NOTICE_FAILED" in [e["type"] for e in answer["case"]["timeline"]],
            within=30,
        )
        assert await outbox(http, gateway, phone) == []
    finally:
        await http.delete(f"{gateway.mocks_url}/admin/faults/SMS")
    # notices retried after the outage go out in their own time, not in milestone order
    messages = await wait_for(lambda: outbox(http, gateway, phone), lambda m: told_of(m, "已受理", "办结"), 90)
    assert told_of(messages, "已受理", "办结")


async def test_a_notice_retried_after_a_garbled_answer_is_sent_once(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]], http: httpx.AsyncClient
) -> None:
    """The SMS gateway sends, then its answer is lost: the retry repeats the notice's key, and the
    phone receives the message once (the outbox counts the repeated requests)."""
    p = person(people, "煤矿退休职工医院死亡")
    phone = p["applicant"]["phone"]
    await http.put(f"{gateway.mocks_url}/admin/faults/SMS", json={"malformed": True})
    try:
        family, case_id = await submit(gateway, graphql, p)

        async def sent() -> list[dict[str, Any]]:
            return await outbox(http, gateway, phone)

        garbled = await wait_for(sent, lambda ms: any(m["requests"] > 1 for m in ms), within=60, interval=0.3)
    finally:
        await http.delete(f"{gateway.mocks_url}/admin/faults/SMS")
    messages, _ = await outbox_settles(http, gateway, family, case_id, phone)
    contents = [m["content"] for m in messages]
    assert len(contents) == len(set(contents))
    assert any(m["requests"] > 1 for m in garbled)


async def test_a_family_that_opts_out_receives_no_notices(
    gateway: Running, graphql: GraphQL, people: list[dict[str, Any]], http: httpx.AsyncClient
) -> None:
    p = person(people, "回族退休人员医院死亡")
    family, case_id = await submit(gateway, graphql, p, notices=False, notifyContact=CONTACT | {"phone": "13609510001"})
    case = await completed_with_papers(family, case_id)
    assert case["status"] == "COMPLETED"
    assert await outbox(http, gateway, p["applicant"]["phone"], "13609510001") == []
    assert not [e for e in case["timeline"] if e["type"].startswith("NOTICE_")]
    turned_on = (await family(SET_NOTICES, {"c": case_id, "on": True}))["setNotices"]
    assert turned_on == {"case": {"noticesEnabled": True}, "errors": []}


async def test_the_family_is_told_when_its_case_is_withdrawn(
    gateway: Running, graphql: GraphQL, http: httpx.AsyncClient, people: list[dict[str, Any]]
) -> None:
    p = person(people, "特定关系人")  # not on the register: the case waits for a clerk, nothing goes out
    family, case_id = await submit(gateway, graphql, p, notifyContact=CONTACT)
    await wait_for(lambda: family(CASE, {"id": case_id}), lambda d: d["case"]["status"] == "UNDER_REVIEW", within=30)
    answer = await family(WITHDRAW, {"id": case_id, "r": "家属决定到窗口另行办理"})
    assert answer["withdrawApplication"]["errors"] == []

    phones = (p["applicant"]["phone"], CONTACT["phone"])
    sent = await wait_for(
        lambda: outbox(http, gateway, *phones), lambda m: sum("已撤回" in x["content"] for x in m) == 2, within=30
    )
    (told,) = [m for m in sent if "已撤回" in m["content"] and m["mobile"] == p["applicant"]["phone"]]
    assert "家属决定到窗口另行办理" in told["content"] and "重新提交" in told["content"]
