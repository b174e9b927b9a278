"""The texts the family receives: short, Chinese, and never a full identity, phone or account number."""

from __future__ import annotations

import re
from decimal import Decimal

from gateway.domain.notices import (
    Milestone,
    accepted,
    case_completed,
    case_partially_completed,
    certificate_issued,
    home_death_not_confirmed,
    masked_phone,
    payment_made,
    returned,
    scrubbed,
    withdrawn,
)

LONG_DIGITS = re.compile(r"[0-9]{11,}")


def test_a_payment_names_amount_bank_and_only_the_last_four_digits_of_the_account() -> None:
    notice = payment_made("丧葬补助金申领", Decimal("5320.5"), "中国工商银行银川市分行", "6247922448509993677")
    assert notice.milestone == Milestone.PAYMENT_MADE
    assert "5320.50元" in notice.text and "中国工商银行银川市分行尾号3677" in notice.text
    assert "6247922448509993677" not in notice.text


def test_a_certificate_notice_carries_its_verification_code() -> None:
    assert "核验码A1B2C3" in certificate_issued("火化证", "A1B2C3").text


def test_a_return_keeps_the_clerks_reason_but_masks_any_full_number_in_it() -> None:
    text = returned("NX-SH-20261204-000001", "身份证号640104197506220337与户籍不符，请联系13954121870").text
    assert "与户籍不符" in text and "NX-SH-20261204-000001" in text
    assert LONG_DIGITS.search(text) is None and "****0337" in text and "****1870" in text


def test_each_milestone_text_is_short_and_signed() -> None:
    for notice in (
        accepted("NX-SH-20261204-000001", "张建国"),
        case_completed("NX-SH-20261204-000001"),
        case_partially_completed("NX-SH-20261204-000001", 2),
        withdrawn("NX-SH-20261204-000001", "家属决定到窗口另行办理"),
        home_death_not_confirmed("NX-SH-20261204-000001", "多次联系家属未果"),
    ):
        assert notice.text.startswith("【身后一件事】") and len(notice.text) <= 140


def test_scrubbing_leaves_references_and_dates_alone() -> None:
    assert scrubbed("受理编号NX-SH-20261204-000001，2026-12-04") == "受理编号NX-SH-20261204-000001，2026-12-04"


def test_the_timeline_names_a_phone_by_its_last_four_digits() -> None:
    assert masked_phone("13954121870") == "尾号1870"


def test_a_withdrawal_tells_the_reason_that_the_items_stop_and_that_the_family_may_apply_again() -> None:
    notice = withdrawn("NX-SH-20261204-000001", " 误填逝者信息，联系电话13954121870 ")
    assert notice.milestone == Milestone.WITHDRAWN
    assert "NX-SH-20261204-000001已撤回：误填逝者信息" in notice.text and "重新提交" in notice.text
    assert LONG_DIGITS.search(notice.text) is None


def test_a_report_not_confirmed_tells_the_reason_and_that_a_clerk_will_call() -> None:
    notice = home_death_not_confirmed("NX-SH-20261204-000001", " 联系电话13954121870无人接听 ")
    assert notice.milestone == Milestone.HOME_DEATH_NOT_CONFIRMED
    assert "未能确认：联系电话" in notice.text and "综合窗口工作人员将与您联系" in notice.text
    assert LONG_DIGITS.search(notice.text) is None
