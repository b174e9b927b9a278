"""The family's side of the portal in a real browser that reaches nothing but the gateway: an
application followed live to the end, errors shown at their fields, a paper uploaded, a dropped
connection resumed, keyboard use, withdrawal. Any console error or policy violation fails a test.

Set PORTAL_SCREENSHOT=docs/portal.png to refresh the README's picture from this run.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.cases.forms import ContactForm
from gateway.cases.validation import contact_problems
from gateway.domain.identity import ID_PROBLEM_MESSAGES, id_number_problem
from tests.clients.portal.pages import LIVE, PHONE, Portal, eventually, frames_heard, person
from tests.support import files
from tests.support.processes import Running

pytestmark = pytest.mark.e2e
SISTER = "13712345678"
UNLABELLED = (
    "[...document.querySelectorAll('input, select, textarea')].filter((el) => !el.labels.length).map((el) => el.name)"
)


def test_a_family_submits_and_sees_its_case_complete_live(
    family: Portal, gateway: Running, people: list[dict[str, Any]]
) -> None:
    from playwright.sync_api import expect

    p = person(people, "医院死亡，火化后入公墓；退休职工")
    heard = frames_heard(family.watched)
    family.sign_in_family(p["applicant"]["idNumber"])
    family.fill_application(p)
    page = family.page
    page.get_by_label("家属姓名").fill("张丽")
    page.get_by_label("家属手机号码").fill(SISTER)
    family.submit()
    family.expect_status("部分办结")  # civil affairs asks for the grave contract
    family.put_right_with_papers()
    family.expect_status("全部办结")
    assert any('"caseUpdated"' in frame and "COMPLETED" in frame for frame in heard)  # told, not reloaded
    expect(page.locator(".cert").first).to_contain_text("核验码")
    expect(page.locator(".item-row").first).to_contain_text("办理时限")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]  # nothing wider than the phone
    if shot := os.environ.get("PORTAL_SCREENSHOT"):
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=Path(shot))
    page.get_by_role("button", name="查看各事项是否适用及依据").click()
    expect(page.locator(".why .applies").first).to_contain_text("适用", timeout=LIVE)
    expect(page.get_by_role("heading", name="评价本次办理（好差评）")).to_be_visible()
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_text("感谢您的评价。")).to_be_visible()

    def outbox() -> list[dict[str, Any]]:
        return httpx.get(f"{gateway.mocks_url}/admin/sms", timeout=10).json()  # type: ignore[no-any-return]

    eventually(outbox, lambda sent: any(m["mobile"] == SISTER for m in sent))  # the second contact hears too
    assert family.watched.problems() == {}


def test_a_wrong_identity_number_is_shown_at_its_field_and_nothing_is_sent(
    family: Portal, people: list[dict[str, Any]]
) -> None:
    from playwright.sync_api import expect

    p = person(people, "煤矿退休职工医院死亡")
    sent: list[str] = []
    family.page.on("request", lambda r: sent.append(r.post_data or "") if r.method == "POST" else None)
    family.sign_in_family(p["applicant"]["idNumber"])
    wrong = p["idNumber"][:17] + ("0" if p["idNumber"][17] != "0" else "1")
    family.fill_application(p, idNumber=wrong)
    field = family.page.get_by_label("逝者身份证号码")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(family.page.locator(".field", has=field)).to_contain_text("校验位错误")
    family.page.get_by_role("button", name="提交申请").click()
    expect(family.page.locator(".summary")).to_contain_text("请查看标红的项目")
    expect(field).to_be_focused()
    assert family.page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    assert not any("submitApplication" in body for body in sent)
    assert family.watched.problems() == {}


def test_a_refused_item_is_put_right_by_uploading_the_paper_it_lacks(
    family: Portal, people: list[dict[str, Any]]
) -> None:
    from playwright.sync_api import expect

    p = person(people, "青年在职职工医院死亡，未成年子女领取遗属待遇，公积金已封存")
    family.sign_in_family(p["applicant"]["idNumber"])
    family.fill_application(p)
    family.submit()
    family.expect_status("部分办结")
    page = family.page
    expect(page.locator(".item-row.i-rejected[data-kind=HOUSING_FUND_WITHDRAWAL]")).to_contain_text("封存证明")
    page.get_by_label("材料种类").select_option("HOUSING_FUND_SEALING_CERTIFICATE")
    sealing = {"name": "封存证明.pdf", "mimeType": "application/pdf", "buffer": files.pdf()}
    page.get_by_label("文件（PDF、JPG 或 PNG").set_input_files(sealing)
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_role("region", name="材料", exact=True)).to_contain_text("住房公积金账户封存证明：已上传")
    family.put_right_with_papers()  # the burial-place statement civil affairs asked for too
    family.expect_status("全部办结")
    assert family.watched.problems() == {}


def test_a_family_can_sign_in_and_reach_every_field_by_keyboard_and_every_field_is_labelled(
    family: Portal, people: list[dict[str, Any]]
) -> None:
    from playwright.sync_api import expect

    page = family.page
    page.keyboard.press("Tab")  # each page puts the focus at its start, so the first Tab is its first field
    expect(page.get_by_label("您的身份证号码")).to_be_focused()
    page.keyboard.type(people[0]["applicant"]["idNumber"])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="我的申请")).to_be_visible()
    page.get_by_role("link", name="开始新的申请").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("逝者姓名")).to_be_visible()
    assert page.evaluate(UNLABELLED) == []
    page.get_by_label("逝者姓名").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("逝者身份证号码")).to_be_focused()
    assert family.watched.problems() == {}


def test_the_gateways_field_error_is_shown_at_its_field(family: Portal, people: list[dict[str, Any]]) -> None:
    from playwright.sync_api import expect

    p = person(people, "退休人员医院死亡，火化入公墓，持驾驶证，遗属待遇")
    family.sign_in_family(p["applicant"]["idNumber"])
    family.fill_application(p, deathPlace="陕西省西安市雁塔区某医院")  # only the gateway knows the places
    family.page.get_by_role("button", name="提交申请").click()
    place = family.page.get_by_label("死亡地点")
    expect(place).to_have_attribute("aria-invalid", "true")
    expect(family.page.locator(".field", has=place)).to_contain_text("本事项仅受理在宁夏死亡")
    expect(place).to_be_focused()
    expect(family.page.get_by_role("heading", name="填写统一申请表")).to_be_visible()  # still the form: nothing stored
    assert family.watched.problems() == {}


def test_a_family_withdraws_an_application_still_at_the_window(family: Portal, people: list[dict[str, Any]]) -> None:
    from playwright.sync_api import expect

    p = person(people, "在家中死亡；享受城乡低保和高龄津贴；火化不入公墓")
    family.sign_in_family(p["applicant"]["idNumber"])
    family.fill_application(p, name=p["name"][:-1] + "某")
    family.submit()
    family.expect_status("综合窗口预审中")
    page = family.page
    page.get_by_text("撤回申请", exact=True).first.click()
    page.get_by_role("button", name="撤回申请").click()
    expect(page.get_by_text("请填写撤回原因")).to_be_visible()
    page.get_by_label("撤回原因").fill("姓名填错，重新申请")
    page.get_by_role("button", name="撤回申请").click()
    family.expect_status("已撤回")
    assert family.watched.problems() == {}


def test_a_dropped_connection_is_resumed_from_the_version_last_seen(
    family: Portal, gateway: Running, people: list[dict[str, Any]]
) -> None:
    from playwright.sync_api import expect

    p = person(people, "回族老人医院死亡，遗体土葬")
    sockets: list[tuple[Any, Any]] = []
    subscribed: list[dict[str, Any]] = []

    def through(ws: Any) -> None:  # the page's socket, passed on to the gateway; the test may cut it
        server = ws.connect_to_server()
        sockets.append((ws, server))

        def onwards(message: str) -> None:
            if '"subscribe"' in message:
                subscribed.append(json.loads(message))
            server.send(message)

        ws.on_message(onwards)
        server.on_message(ws.send)

    family.page.route_web_socket(re.compile(r".*/graphql$"), through)
    family.sign_in_family(p["applicant"]["idNumber"])
    family.fill_application(p, name=p["name"][:-1] + "某")
    reference = family.submit()
    family.expect_status("综合窗口预审中")
    expect(family.page.locator(".live")).to_have_text("实时更新中")
    page_side, server_side = sockets[-1]
    server_side.close()
    page_side.close(code=1012, reason="restart")
    expect(family.page.locator(".live")).to_have_text("实时更新中")  # back by itself
    assert len(sockets) == 2 and subscribed[-1]["payload"]["variables"]["since"] is not None
    family.upload_missing()  # while the clerk reviews: the items go out with their papers

    token = gateway.token("clerk", "staff-05", "--region", p["householdRegionCode"][:4])
    with httpx.Client(base_url=gateway.url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as clerk:
        found = clerk.post("/graphql", json={"query": BY_REFERENCE, "variables": {"r": reference}}).json()
        case_id = found["data"]["caseByReference"]["id"]
        approved = clerk.post("/graphql", json={"query": APPROVE, "variables": {"id": case_id}}).json()
    assert approved["data"]["reviewCase"]["errors"] == []
    family.expect_status("全部办结")  # heard over the second connection
    assert family.watched.problems() == {}


BY_REFERENCE = "query($r: String!) { caseByReference(reference: $r) { id } }"
APPROVE = "mutation($id: ID!) { reviewCase(caseId: $id, decision: APPROVE) { errors { code } } }"


def test_a_token_pasted_in_signs_in_and_a_role_the_portal_does_not_serve_is_told_so(
    family: Portal, gateway: Running, people: list[dict[str, Any]]
) -> None:
    from playwright.sync_api import expect

    page = family.page
    page.get_by_label("统一身份认证颁发的令牌").fill(gateway.token("applicant", people[0]["applicant"]["idNumber"]))
    page.get_by_role("button", name="登录").last.click()
    expect(page.get_by_role("heading", name="我的申请")).to_be_visible()
    page.get_by_role("button", name="退出").click()
    page.get_by_label("统一身份认证颁发的令牌").fill(gateway.token("admin", "ops"))
    page.get_by_role("button", name="登录").last.click()
    expect(page.get_by_role("heading", name="本页面供家属和窗口人员使用")).to_be_visible()
    assert family.watched.problems() == {}


def test_the_forms_checks_say_what_the_gateway_would_say(family: Portal, people: list[dict[str, Any]]) -> None:
    ids = [p["idNumber"] for p in people] + [p["applicant"]["idNumber"] for p in people]
    ids += [i[:17] + ("X" if i[17] != "X" else "0") for i in ids[:10]]  # check digits wrong
    ids += [
        "64010419481312051X",
        "640104209912310512",
        "64010419480312051",
        "6401041948031205１5",
        "64010419480312051x",
    ]
    phones = ["13954121870", "12954121870", "0951-6012345", "09516012345", "1395412187", "１3954121870", "951-601234"]
    script = """async ([ids, phones]) => { const m = await import("./assets/checks.js");
      return [ids.map(m.idNumberProblem), phones.map(m.phoneProblem)]; }"""
    by_page = family.page.evaluate(script, [ids, phones])
    expected_ids = [ID_PROBLEM_MESSAGES[c] if (c := id_number_problem(i)) else None for i in ids]
    expected_phones = [next((e.message for e in contact_problems(ContactForm("家属", p))), None) for p in phones]
    assert by_page == [expected_ids, expected_phones]
