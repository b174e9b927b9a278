"""Driving the portal (/portal) as a person would: by labels, buttons and what the page says."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from tests.clients.browser import Watched
from tests.support import files

PHONE = (390, 844)  # a phone-sized screen: the family's pages are tried on one
T = TypeVar("T")
LIVE = 60_000  # ms: long enough for a whole case with the mocks at GATEWAY_MOCKS_TIME_SCALE=0.2


@dataclass
class Portal:
    watched: Watched
    url: str

    @property
    def page(self) -> Any:
        return self.watched.page

    def open(self) -> None:
        from playwright.sync_api import expect

        self.page.goto(f"{self.url}/portal")
        expect(self.page.get_by_role("heading", name="登录", exact=True)).to_be_visible()

    def sign_in_family(self, id_number: str) -> None:
        from playwright.sync_api import expect

        form = self.page.locator("form[data-role=applicant]")
        form.get_by_label("您的身份证号码").fill(id_number)
        form.get_by_role("button", name="登录").click()
        expect(self.page.get_by_role("heading", name="我的申请")).to_be_visible()

    def sign_in_clerk(self, staff: str, region: str) -> None:
        from playwright.sync_api import expect

        form = self.page.locator("form[data-role=clerk]")
        form.get_by_label("工号").fill(staff)
        form.get_by_label("所属区划代码").fill(region)
        form.get_by_role("button", name="登录").click()
        expect(self.page.get_by_role("heading", name=f"综合窗口 · 区划 {region}")).to_be_visible()

    def fill_application(self, person: dict[str, Any], opened: bool = False, **deceased_overrides: str) -> None:
        """Fills the form from a person of the mocks' population; `opened`: the form is already shown."""
        from playwright.sync_api import expect

        page = self.page
        if not opened:
            page.get_by_role("link", name="开始新的申请").click()
            expect(page.get_by_role("heading", name="填写统一申请表")).to_be_visible()
        deceased = {**person, **deceased_overrides}
        page.get_by_label("逝者姓名").fill(deceased["name"])
        page.get_by_label("逝者身份证号码").fill(deceased["idNumber"])
        page.get_by_label("死亡日期").fill(deceased["deathDate"])
        page.get_by_label("死亡地点").fill(deceased["deathPlace"])
        page.get_by_label("非正常死亡" if deceased["deathType"] == "ABNORMAL" else "正常死亡", exact=True).check()
        page.get_by_label("是" if deceased["diedInMedicalInstitution"] else "否（如在家中）", exact=True).check()
        page.get_by_label("户籍地区划代码").fill(deceased["householdRegionCode"])
        page.get_by_label("火化" if deceased["disposal"] == "CREMATION" else "土葬", exact=True).check()
        applicant, account = person["applicant"], person["payoutAccount"]
        page.get_by_label("申请人姓名").fill(applicant["name"])
        page.get_by_label("联系电话").fill(applicant["phone"])
        page.get_by_label("与逝者关系").select_option(applicant["relationship"])
        if account:
            page.get_by_label("开户银行").fill(account["bankName"])
            page.get_by_label("账户名").fill(account["accountName"])
            page.get_by_label("银行账号").fill(account["accountNumber"])
        for box in page.locator("input[name=optionalItems]").all():
            box.set_checked(box.get_attribute("value") in (person["optionalItems"] or []))

    def submit(self) -> str:
        """Sends the form; the case page's reference once the gateway accepted it."""
        from playwright.sync_api import expect

        self.page.get_by_role("button", name="提交申请").click()
        reference = self.page.locator(".facts .reference")
        expect(reference).to_have_text(re.compile(r"\S+-\d+"), timeout=LIVE)
        return str(reference.inner_text())

    def upload(self, kind: str) -> None:
        """A scan of one paper through the case page's 补交材料 form; waits until the page no longer asks for it."""
        from playwright.sync_api import expect

        page = self.page
        page.get_by_label("材料种类").select_option(kind)
        scan = {"name": f"{kind.lower()}.pdf", "mimeType": "application/pdf", "buffer": files.pdf(kind)}
        page.get_by_label("文件（PDF、JPG 或 PNG").set_input_files(scan)
        page.get_by_role("button", name="上传").click()
        expect(page.locator(f"#attach-kind option[value={kind}]")).to_have_count(0)

    def upload_missing(self) -> None:
        """Every paper the case page still asks for (尚缺), one upload each: a family's one set of papers.
        Every case of the mocks' population asks for one (the cemetery contract or burial statement)."""
        from playwright.sync_api import expect

        expect(self.page.locator("#attach-kind option").first).to_be_attached(timeout=LIVE)
        while options := self.page.locator("#attach-kind option").all():
            self.upload(str(options[0].get_attribute("value")))

    def put_right_with_papers(self) -> None:
        """The papers a refused item lacked uploaded, then the refused items sent again (提交补正)."""
        self.upload_missing()
        self.page.get_by_role("button", name="提交补正").click()

    def expect_status(self, status: str, timeout: int = LIVE) -> None:
        from playwright.sync_api import expect

        expect(self.page.locator(".case-head .badge")).to_have_text(status, timeout=timeout)


def person(people: list[dict[str, Any]], where: str) -> dict[str, Any]:
    return next(p for p in people if where in p["scenario"])


def frames_heard(watched: Watched) -> list[str]:
    heard: list[str] = []
    watched.page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: heard.append(str(frame))))
    return heard


def eventually(probe: Callable[[], T], done: Callable[[T], bool], within: float = 30, interval: float = 0.1) -> T:
    """tests/support/waiting.py's wait_for for this thread, where playwright's loop runs: a condition
    polled until a deadline."""
    deadline = time.monotonic() + within
    while not done(result := probe()):
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within}s; last: {result!r}"[:4000])
        time.sleep(interval)
    return result
