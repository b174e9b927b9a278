"""What the family is told by SMS at each milestone: short Chinese texts, built from plain values.

No full identity, phone or account number ever appears in a notice: an account shows its last four
digits, and `scrubbed` masks any long run of digits that free text (a clerk's reason) may carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

PREFIX = "【身后一件事】"
# Mobile phones have 11 digits, identity numbers 18 (the last may be X), accounts 12 to 30; a case
# reference's runs (a date, a serial) are shorter, so they survive.
_LONG_DIGITS = re.compile(r"[0-9]{10,}[0-9Xx]")


class Recipient(StrEnum):
    APPLICANT = "APPLICANT"
    CONTACT = "CONTACT"


class Milestone(StrEnum):
    ACCEPTED = "ACCEPTED"
    RETURNED = "RETURNED"
    CERTIFICATE_ISSUED = "CERTIFICATE_ISSUED"
    PAYMENT_MADE = "PAYMENT_MADE"
    CASE_COMPLETED = "CASE_COMPLETED"
    CASE_PARTIALLY_COMPLETED = "CASE_PARTIALLY_COMPLETED"
    WITHDRAWN = "WITHDRAWN"
    HOME_DEATH_NOT_CONFIRMED = "HOME_DEATH_NOT_CONFIRMED"


@dataclass(frozen=True)
class Notice:
    milestone: Milestone
    text: str


def last_four(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isascii() and ch.isalnum())
    return digits[-4:]


def masked_phone(phone: str) -> str:
    """For the timeline: whom a notice went to, without the number (尾号1870)."""
    return f"尾号{last_four(phone)}"


def scrubbed(text: str) -> str:
    """Any run of eleven or more digits becomes its last four behind asterisks."""
    return _LONG_DIGITS.sub(lambda m: f"****{m.group()[-4:]}", text)


def _notice(milestone: Milestone, text: str) -> Notice:
    return Notice(milestone, scrubbed(PREFIX + text))


def accepted(reference: str, deceased_name: str) -> Notice:
    return _notice(
        Milestone.ACCEPTED,
        f"{deceased_name}的身后事联办申请已受理，受理编号{reference}，各事项将依次办理，办理进度可在“我的宁夏”APP查看。",
    )


def returned(reference: str, reason: str) -> Notice:
    return _notice(Milestone.RETURNED, f"申请{reference}被退回：{reason.strip()}。请按提示补正后重新提交。")


def withdrawn(reference: str, reason: str) -> Notice:
    """Also when a clerk withdrew it at the window: the family learns it, and that it may apply again."""
    return _notice(
        Milestone.WITHDRAWN, f"申请{reference}已撤回：{reason.strip()}。各事项不再办理，如需办理可重新提交申请。"
    )


def home_death_not_confirmed(reference: str, reason: str) -> Notice:
    """The home-death report the case relied on was withdrawn or declined: a clerk will call."""
    return _notice(
        Milestone.HOME_DEATH_NOT_CONFIRMED,
        f"申请{reference}所依据的居家死亡报告未能确认：{reason.strip()}。综合窗口工作人员将与您联系核实死亡情况。",
    )


def certificate_issued(title: str, verification_code: str) -> Notice:
    return _notice(
        Milestone.CERTIFICATE_ISSUED, f"“{title}”已签发电子证照，核验码{verification_code}，可在“我的宁夏”APP查看。"
    )


def payment_made(title: str, amount: Decimal, bank_name: str | None, account_number: str | None) -> Notice:
    where = f"{bank_name or ''}尾号{last_four(account_number)}的账户" if account_number else "您的账户"
    return _notice(Milestone.PAYMENT_MADE, f"“{title}”{amount:.2f}元已发放至{where}，请注意查收。")


def case_completed(reference: str) -> Notice:
    return _notice(Milestone.CASE_COMPLETED, f"申请{reference}的全部事项已办结。感谢您的耐心，节哀顺变。")


def case_partially_completed(reference: str, unsettled: int) -> Notice:
    return _notice(
        Milestone.CASE_PARTIALLY_COMPLETED,
        f"申请{reference}其余事项已办结，{unsettled}项未通过，可在“我的宁夏”APP查看原因并补正后重新提交。",
    )
