"""Citizen identity numbers (GB 11643-1999): validation, the facts they carry, and masking.

Layout of the 18 characters: 6-digit household region code, 8-digit birth date (yyyymmdd),
3-digit sequence (odd for men, even for women), and a check character (ISO 7064 MOD 11-2).
"""

import re
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"
# [0-9] rather than \d: \d also matches full-width and other Unicode digits.
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")

ID_PROBLEM_MESSAGES: dict[str, str] = {
    "ID_NUMBER_FORMAT": "身份证号码应为 18 位：前 17 位为数字，最后一位为数字或 X",
    "ID_NUMBER_BIRTH_DATE": "身份证号码中的出生日期（第 7 至 14 位）不是有效日期，请核对",
    "ID_NUMBER_CHECKSUM": "身份证号码校验位错误，请核对最后一位",
}


def normalize_id_number(value: str) -> str:
    return value.strip().upper()


def expected_check_character(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def id_number_problem(value: str, today: date | None = None) -> str | None:
    """The error code of the first problem found, or None for a valid number.

    `today` bounds the birth date; None reads the system clock, so pass it wherever the
    caller already knows the date (tests, the case's submission time).
    """
    number = normalize_id_number(value)
    if not _SHAPE.fullmatch(number):
        return "ID_NUMBER_FORMAT"
    birth = _embedded_birth_date(number)
    if birth is None or birth > (today or date.today()):
        return "ID_NUMBER_BIRTH_DATE"
    if number[17] != expected_check_character(number[:17]):
        return "ID_NUMBER_CHECKSUM"
    return None


def birth_date_of(id_number: str) -> date:
    birth = _embedded_birth_date(normalize_id_number(id_number))
    if birth is None:
        raise ValueError(f"no valid birth date in identity number {mask_id_number(id_number)}")
    return birth


def gender_of(id_number: str) -> str:
    # GB 11643 §5.4: the sequence code's last digit (17th character) is odd for men, even for women.
    number = normalize_id_number(id_number)
    if not _SHAPE.fullmatch(number):
        raise ValueError(f"not an 18-character identity number: {mask_id_number(id_number)}")
    return "男" if int(number[16]) % 2 else "女"


def mask_id_number(id_number: str) -> str:
    return _keep_ends(normalize_id_number(id_number), head=6, tail=4)


def mask_phone(phone: str) -> str:
    return _keep_ends(phone.strip(), head=3, tail=4)


def mask_account(account: str) -> str:
    # Fixed middle so the mask does not reveal the account's length; grouped as on a bank card.
    digits = "".join(account.split())
    if len(digits) <= 8:
        return "*" * len(digits)
    return f"{digits[:4]} **** **** {digits[-4:]}"


def _embedded_birth_date(number: str) -> date | None:
    text = number[6:14]
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _keep_ends(value: str, head: int, tail: int) -> str:
    # Too short to hide anything once both ends are shown: hide it all rather than leak it whole.
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]
