"""Checking an application before anything is stored: every problem named by field, in Chinese."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date

from gateway.cases.forms import ApplicantForm, ApplicationForm, BankAccountForm, ContactForm, DeceasedForm
from gateway.domain.catalogue import BY_KIND, PAYOUT_ITEMS
from gateway.domain.identity import ID_PROBLEM_MESSAGES, birth_date_of, id_number_problem, normalize_id_number
from gateway.domain.scope import INCIDENT_MESSAGES, SCOPE_MESSAGES, death_place_problem, region_code_problem
from gateway.errors import Problem

MOBILE = re.compile(r"1[3-9][0-9]{9}")  # ASCII digits only: \d takes any script's digits
LANDLINE = re.compile(r"0[0-9]{2,3}-?[0-9]{7,8}")
ACCOUNT = re.compile(r"[0-9]{12,30}")
EARLIEST_DEATH = date(1950, 1, 1)


def _text(field: str, value: str, label: str, limit: int) -> Iterator[Problem]:
    if not value.strip():
        yield Problem(field, "REQUIRED", f"请填写{label}")
    elif len(value) > limit:
        yield Problem(field, "TOO_LONG", f"{label}不能超过 {limit} 个字符")
    elif any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp") for ch in value):
        yield Problem(field, "INVALID_CHARACTERS", f"{label}含有不可见或无效字符")


def _id_number(field: str, value: str, today: date) -> Iterator[Problem]:
    code = id_number_problem(value, today)
    if code is not None:
        yield Problem(field, code, ID_PROBLEM_MESSAGES[code])


def deceased_problems(form: DeceasedForm, today: date, path: str = "input.deceased") -> list[Problem]:
    problems = [
        *_text(f"{path}.name", form.name, "逝者姓名", 64),
        *_id_number(f"{path}.idNumber", form.id_number, today),
    ]
    problems += _text(f"{path}.deathPlace", form.death_place, "死亡地点", 200)
    if form.death_date > today:
        problems.append(Problem(f"{path}.deathDate", "DEATH_DATE_IN_FUTURE", "死亡日期不能晚于今天"))
    elif form.death_date < EARLIEST_DEATH:
        problems.append(Problem(f"{path}.deathDate", "DEATH_DATE_TOO_EARLY", "死亡日期过早，请核对"))
    elif id_number_problem(form.id_number, today) is None and form.death_date < birth_date_of(
        normalize_id_number(form.id_number)
    ):
        problems.append(Problem(f"{path}.deathDate", "DEATH_BEFORE_BIRTH", "死亡日期早于身份证号码中的出生日期"))
    if (code := region_code_problem(form.household_region_code)) is not None:
        problems.append(Problem(f"{path}.householdRegionCode", code, SCOPE_MESSAGES[code]))
    if form.death_place.strip() and (code := death_place_problem(form.death_place)) is not None:
        problems.append(Problem(f"{path}.deathPlace", code, SCOPE_MESSAGES[code]))
    if form.incident_region_code is not None:
        problems += _incident_place(form, f"{path}.incidentRegionCode")
    return problems


def _incident_place(form: DeceasedForm, field: str) -> list[Problem]:
    if form.death_type != "ABNORMAL":
        message = "仅非正常死亡需填写事发地（由事发地公安派出所出具《非正常死亡证明》）；正常死亡请勿填写"
        return [Problem(field, "INCIDENT_PLACE_FOR_NORMAL_DEATH", message)]
    if (code := region_code_problem(form.incident_region_code or "")) is not None:
        return [Problem(field, code, INCIDENT_MESSAGES[code])]
    return []


def applicant_problems(form: ApplicantForm, today: date, path: str = "input.applicant") -> list[Problem]:
    problems = [
        *_text(f"{path}.name", form.name, "申请人姓名", 64),
        *_id_number(f"{path}.idNumber", form.id_number, today),
    ]
    return problems + _phone(f"{path}.phone", form.phone)


def _phone(field: str, phone: str) -> list[Problem]:
    if MOBILE.fullmatch(phone) or LANDLINE.fullmatch(phone):
        return []
    return [Problem(field, "PHONE_FORMAT", "联系电话格式不正确，请填写 11 位手机号码或带区号的固定电话")]


def contact_problems(form: ContactForm, path: str = "input.notifyContact") -> list[Problem]:
    return [*_text(f"{path}.name", form.name, "联系人姓名", 64), *_phone(f"{path}.phone", form.phone)]


def account_problems(form: BankAccountForm, path: str = "input.payoutAccount") -> list[Problem]:
    problems = [*_text(f"{path}.bankName", form.bank_name, "开户银行", 100)]
    problems += _text(f"{path}.accountName", form.account_name, "账户名", 64)
    if not ACCOUNT.fullmatch(form.account_number.replace(" ", "")):
        problems.append(Problem(f"{path}.accountNumber", "ACCOUNT_NUMBER_FORMAT", "银行账号应为 12 至 30 位数字"))
    return problems


def application_problems(form: ApplicationForm, today: date) -> list[Problem]:
    problems = deceased_problems(form.deceased, today) + applicant_problems(form.applicant, today)
    if normalize_id_number(form.deceased.id_number) == normalize_id_number(form.applicant.id_number):
        problems.append(Problem("input.applicant.idNumber", "APPLICANT_IS_DECEASED", "申请人不能是逝者本人"))
    if form.payout_account is not None:
        problems += account_problems(form.payout_account)
    if form.notify_contact is not None:
        problems += contact_problems(form.notify_contact)
    for kind in form.optional_items or ():
        if not BY_KIND[kind].optional:
            message = f"“{BY_KIND[kind].title}”无需选择，符合条件时自动办理"
            problems.append(Problem("input.optionalItems", "ITEM_NOT_OPTIONAL", message))
    wants_payout = bool(PAYOUT_ITEMS & set(form.optional_items or ()))
    if wants_payout and form.payout_account is None:
        message = "申领待遇、提取资金等事项需要填写收款账户"
        problems.append(Problem("input.payoutAccount", "PAYOUT_ACCOUNT_REQUIRED", message))
    return problems
