"""The portal in a real browser that reaches nothing but the gateway: a family applies and follows
its case live, a clerk pre-reviews, a returned case is corrected, and no policy is broken.

Set PORTAL_SCREENSHOT=docs/portal.png to refresh the README's picture from this run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.clients.browser import Watched, chromium, loopback_page
from tests.clients.portal_pages import LIVE, Portal
from tests.support import files
from tests.support.postgres_threaded import database_beside_a_running_loop
from tests.support.processes import Running, running_gateway

pytestmark = pytest.mark.e2e
PHONE = (390, 844)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def gateway(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with ExitStack() as stack:
        env = (
            {"DATABASE_URL": stack.enter_context(database_beside_a_running_loop())}
            if request.param == "postgres"
            else {}
        )
        yield stack.enter_context(running_gateway(tmp_path_factory.mktemp(f"portal-{request.param}"), **env))


@pytest.fixture(scope="module")
def people(gateway: Running) -> list[dict[str, Any]]:
    return httpx.get(f"{gateway.mocks_url}/people", timeout=10).json()  # type: ignore[no-any-return]


def person(people: list[dict[str, Any]], where: str) -> dict[str, Any]:
    return next(p for p in people if where in p["scenario"])


@pytest.fixture
def family(browser: Any, gateway: Running) -> Iterator[Portal]:
    with loopback_page(browser, viewport=PHONE) as watched:
        portal = Portal(watched, gateway.url)
        portal.open()
        yield portal


@pytest.fixture
def clerk(browser: Any, gateway: Running) -> Iterator[Portal]:
    with loopback_page(browser) as watched:
        portal = Portal(watched, gateway.url)
        portal.open()
        yield portal


def frames_heard(watched: Watched) -> list[str]:
    heard: list[str] = []
    watched.page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: heard.append(str(frame))))
    return heard


def test_a_family_submits_and_sees_its_case_complete_live(family: Portal, people: list[dict[str, Any]]) -> None:
    from playwright.sync_api import expect

    p = person(people, "医院死亡，火化后入公墓；退休职工")
    heard = frames_heard(family.watched)
    family.sign_in_family(p["applicant"]["idNumber"])
    family.fill_application(p)
    family.submit()
    family.expect_status("全部办结")
    page = family.page
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


def test_a_clerk_approves_a_held_case_and_the_family_page_follows(
    family: Portal, clerk: Portal, people: list[dict[str, Any]]
) -> None:
    from playwright.sync_api import expect

    p = person(people, "特定关系人")
    family.sign_in_family(p["applicant"]["idNumber"])
    family.fill_application(p)
    reference = family.submit()
    family.expect_status("综合窗口预审中")
    expect(family.page.locator(".note")).to_contain_text("核")

    clerk.sign_in_clerk("staff-01", p["householdRegionCode"][:4])
    clerk.page.get_by_role("link", name=f"{reference} · {p['name']}").click()
    clerk.expect_status("综合窗口预审中")
    clerk.page.get_by_role("button", name="通过预审").click()
    clerk.expect_status("全部办结")
    family.expect_status("全部办结")  # the family's page, untouched since submitting, heard it
    assert family.watched.problems() == {} and clerk.watched.problems() == {}


def test_a_returned_case_is_corrected_and_resubmitted(
    family: Portal, clerk: Portal, people: list[dict[str, Any]]
) -> None:
    from playwright.sync_api import expect

    p = person(people, "退役军人（伤残军人）")
    family.sign_in_family(p["applicant"]["idNumber"])
    family.fill_application(p, name=p["name"][:-1] + "某")
    reference = family.submit()
    family.expect_status("综合窗口预审中")

    clerk.sign_in_clerk("staff-02", p["householdRegionCode"][:4])
    clerk.page.get_by_role("link", name=f"{reference} · {p['name'][:-1]}某").click()
    clerk.page.get_by_label("退回原因").fill("逝者姓名与户籍登记不符，请核对后重新提交")
    clerk.page.get_by_role("button", name="退回补正").click()
    clerk.expect_status("已退回，请补正")

    family.expect_status("已退回，请补正")
    expect(family.page.locator(".note")).to_contain_text("逝者姓名与户籍登记不符")
    family.page.get_by_label("更正逝者信息").check()
    family.page.get_by_label("逝者姓名").fill(p["name"])
    family.page.get_by_role("button", name="提交补正").click()
    family.expect_status("全部办结")
    expect(family.page.locator(".facts")).to_contain_text(p["name"])
    assert family.watched.problems() == {} and clerk.watched.problems() == {}


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
    expect(page.locator(".item-row.i-rejected")).to_contain_text("封存证明")
    page.get_by_label("材料种类").select_option("HOUSING_FUND_SEALING_CERTIFICATE")
    sealing = {"name": "封存证明.pdf", "mimeType": "application/pdf", "buffer": files.pdf()}
    page.get_by_label("文件（PDF、JPG 或 PNG").set_input_files(sealing)
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_role("region", name="材料", exact=True)).to_contain_text("住房公积金账户封存证明：已上传")
    page.get_by_role("button", name="提交补正").click()
    family.expect_status("全部办结")
    assert family.watched.problems() == {}


def test_a_clerk_sends_a_failed_item_again_and_submits_for_a_family_at_the_window(
    clerk: Portal, gateway: Running, people: list[dict[str, Any]]
) -> None:
    from playwright.sync_api import expect

    p = person(people, "回族退休人员医院死亡，遗体土葬；持驾驶证")
    clerk.sign_in_clerk("staff-03", p["householdRegionCode"][:4])
    page = clerk.page
    page.get_by_role("link", name="窗口代办：为家属提交申请").click()
    expect(page.get_by_role("heading", name="窗口代办：填写统一申请表")).to_be_visible()
    clerk.fill_application(p, name=p["name"][:-1] + "某", opened=True)  # held: the name is not the register's
    page.get_by_label("申请人身份证号码").fill(p["applicant"]["idNumber"])
    reference = clerk.submit()
    clerk.expect_status("综合窗口预审中")
    expect(page.get_by_text("须由另一位工作人员审核通过")).to_be_visible()  # four eyes: not the one who took it
    expect(page.get_by_role("button", name="通过预审")).to_have_count(0)
    page.get_by_role("button", name="退出").click()
    clerk.sign_in_clerk("staff-04", p["householdRegionCode"][:4])
    page.get_by_role("link", name=f"{reference} · {p['name'][:-1]}某").click()

    agency = "MEDICAL_SECURITY"
    assert agency in p["agencies"]
    httpx.put(f"{gateway.mocks_url}/admin/faults/{agency}", json={"outage": True}, timeout=10).raise_for_status()
    try:
        page.get_by_role("button", name="通过预审").click()
        failed = page.locator(".item-row.i-failed").first
        expect(failed).to_contain_text("送达失败", timeout=LIVE)
        failed.get_by_role("button", name="立即重新推送").click()
        expect(page.locator("#status")).to_contain_text("已重新推送")
    finally:
        httpx.delete(f"{gateway.mocks_url}/admin/faults/{agency}", timeout=10).raise_for_status()
    clerk.expect_status("全部办结")
    assert clerk.watched.problems() == {}


UNLABELLED = (
    "[...document.querySelectorAll('input, select, textarea')].filter((el) => !el.labels.length).map((el) => el.name)"
)


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
