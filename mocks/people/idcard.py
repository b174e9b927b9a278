"""Identity numbers by GB 11643: 6-digit region, 8-digit birth date, 3-digit sequence, check character."""

from __future__ import annotations

from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_character(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def id_number(region: str, born: str, sequence: int) -> str:
    """`born` is YYYYMMDD; an odd sequence is a man, an even one a woman (GB 11643 §4.3)."""
    date.fromisoformat(f"{born[:4]}-{born[4:6]}-{born[6:]}")  # a real calendar date or ValueError
    first17 = f"{region}{born}{sequence:03d}"
    return first17 + check_character(first17)


def is_valid(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        date.fromisoformat(f"{number[6:10]}-{number[10:12]}-{number[12:14]}")
    except ValueError:
        return False
    return check_character(number[:17]) == number[17]


def gender(number: str) -> str:
    return "男" if int(number[16]) % 2 else "女"
