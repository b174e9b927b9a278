"""Dates and amounts the agencies compute, by the rules DOMAIN.md §3 names."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

CST = timezone(timedelta(hours=8), "CST")
# 宁夏 urban per-capita disposable income per month; the funeral grant is twice it (2021 rule)
MONTHLY_INCOME_BASE = Decimal("3600.00")
FUNERAL_GRANT = 2 * MONTHLY_INCOME_BASE


def yuan(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}"


def first_of_next_month(day: date) -> date:
    """Benefits stop from the month after the death (待遇发放至死亡当月)."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months_between(later: str, earlier: str) -> int:
    """Whole months from `earlier` to `later`, both "YYYY-MM"."""
    (ly, lm), (ey, em) = (map(int, later.split("-")), map(int, earlier.split("-")))
    return (ly - ey) * 12 + (lm - em)


def pension_refund(
    balance: Decimal, monthly: Decimal | None, paid_through: str | None, died: date
) -> dict[str, Decimal]:
    """The account balance, minus pension paid after the death month (多领抵扣), plus pension owed (应发补发)."""
    months = months_between(paid_through, f"{died:%Y-%m}") if monthly and paid_through else 0
    deduction = monthly * max(months, 0) if monthly else Decimal("0")
    owed = monthly * max(-months, 0) if monthly else Decimal("0")
    return {"balance": balance, "deduction": deduction, "owed": owed, "amount": balance - deduction + owed}


def survivor_benefit(months: int) -> Decimal:
    return MONTHLY_INCOME_BASE * months


def stamp(moment: datetime) -> str:
    """Many agency systems write times as yyyyMMddHHmmss in Beijing time."""
    return moment.astimezone(CST).strftime("%Y%m%d%H%M%S")
