"""The window clerk's side of the portal in a real browser: a held case approved while the family's
page follows, a case returned and corrected, an application taken at the window (approved by
another clerk), a failed item sent again."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.clients.portal.pages import LIVE, Portal, person
from tests.support.processes import Running

pytestmark = pytest.mark.e2e


def queued(clerk: Portal) -> list[str]:
    """The queue's rows as shown: applicant and submission time."""
    return [str(t) for t in clerk.page.locator(".case-row small").all_inner_texts()]


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
    clerk.upload_missing()  # the papers the family brought to the window, before the items go out
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
    submitted = [datetime.strptime(t.split("提交于 ")[1], "%Y/%m/%d %H:%M:%S") for t in queued(clerk)]
    assert submitted and submitted == sorted(submitted)  # oldest first: the longest-waiting family first
    clerk.page.get_by_role("link", name=f"{reference} · {p['name'][:-1]}某").click()
    clerk.page.get_by_label("退回原因").fill("逝者姓名与户籍登记不符，请核对后重新提交")
    clerk.page.get_by_role("button", name="退回补正").click()
    clerk.expect_status("已退回，请补正")

    family.expect_status("已退回，请补正")
    expect(family.page.locator(".note")).to_contain_text("逝者姓名与户籍登记不符")
    family.upload_missing()  # the papers go with the corrected application
    family.page.get_by_label("更正逝者信息").check()
    family.page.get_by_label("逝者姓名").fill(p["name"])
    family.page.get_by_role("button", name="提交补正").click()
    family.expect_status("全部办结")
    expect(family.page.locator(".facts")).to_contain_text(p["name"])
    assert family.watched.problems() == {} and clerk.watched.problems() == {}


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
    clerk.upload_missing()  # the family's papers, scanned at the window

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
