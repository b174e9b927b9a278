from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.domain.identity import (
    ID_PROBLEM_MESSAGES,
    birth_date_of,
    expected_check_character,
    gender_of,
    id_number_problem,
    mask_account,
    mask_id_number,
    mask_phone,
    normalize_id_number,
)

TODAY = date(2026, 6, 1)
VALID_X = "11010519491231002X"  # the GB 11643 standard's own example, check character X
VALID_DIGIT = "640102198001011236"

seventeen_digits = st.text(alphabet="0123456789", min_size=17, max_size=17)


def test_standard_example_is_valid() -> None:
    assert id_number_problem(VALID_X, today=TODAY) is None


def test_lowercase_x_and_surrounding_spaces_are_accepted() -> None:
    assert id_number_problem(" 11010519491231002x ", today=TODAY) is None
    assert normalize_id_number(" 11010519491231002x ") == VALID_X


@pytest.mark.parametrize(
    "value",
    ["", "64010219800101123", "6401021980010112361", "64010219800101123A", "X40102198001011236", "６40102198001011236"],
)
def test_wrong_shape_is_refused_with_format_code(value: str) -> None:
    assert id_number_problem(value, today=TODAY) == "ID_NUMBER_FORMAT"


@pytest.mark.parametrize("birth", ["19800230", "19801301", "00000101", "19800100"])
def test_impossible_birth_date_is_refused_with_birth_date_code(birth: str) -> None:
    first17 = f"640102{birth}123"
    assert id_number_problem(first17 + expected_check_character(first17), today=TODAY) == "ID_NUMBER_BIRTH_DATE"


def test_birth_date_after_today_is_refused_with_birth_date_code() -> None:
    first17 = "64010220260602123"
    assert id_number_problem(first17 + expected_check_character(first17), today=TODAY) == "ID_NUMBER_BIRTH_DATE"


def test_birth_on_today_is_accepted() -> None:
    first17 = "64010220260601123"
    assert id_number_problem(first17 + expected_check_character(first17), today=TODAY) is None


def test_wrong_check_character_is_refused_with_checksum_code() -> None:
    assert id_number_problem("110105194912310021", today=TODAY) == "ID_NUMBER_CHECKSUM"


def test_every_problem_code_has_a_chinese_message() -> None:
    assert set(ID_PROBLEM_MESSAGES) == {"ID_NUMBER_FORMAT", "ID_NUMBER_BIRTH_DATE", "ID_NUMBER_CHECKSUM"}
    assert "校验位" in ID_PROBLEM_MESSAGES["ID_NUMBER_CHECKSUM"]


def test_checksum_message_tells_the_family_to_check_the_last_character() -> None:
    assert ID_PROBLEM_MESSAGES["ID_NUMBER_CHECKSUM"] == "身份证号码校验位错误，请核对最后一位"


def _with_valid_birth_date(digits: str) -> str:
    return digits[:6] + "19800101" + digits[14:]


@given(seventeen_digits)
def test_any_seventeen_digits_with_computed_check_character_are_valid(digits: str) -> None:
    first17 = _with_valid_birth_date(digits)
    assert id_number_problem(first17 + expected_check_character(first17), today=TODAY) is None


@given(seventeen_digits, st.sampled_from("0123456789X"))
def test_any_other_check_character_is_refused(digits: str, check: str) -> None:
    first17 = _with_valid_birth_date(digits)
    if check != expected_check_character(first17):
        assert id_number_problem(first17 + check, today=TODAY) == "ID_NUMBER_CHECKSUM"


def test_birth_date_is_read_from_characters_seven_to_fourteen() -> None:
    assert birth_date_of(VALID_X) == date(1949, 12, 31)


def test_birth_date_of_a_number_without_a_real_date_raises() -> None:
    with pytest.raises(ValueError, match="birth date"):
        birth_date_of("640102198002301236")


def test_gender_follows_the_parity_of_the_seventeenth_digit() -> None:
    assert gender_of(VALID_X) == "女"  # 17th digit 2
    assert gender_of(VALID_DIGIT) == "男"  # 17th digit 3


def test_gender_of_a_malformed_number_raises() -> None:
    with pytest.raises(ValueError):
        gender_of("6401")


def test_identity_number_is_masked_keeping_region_and_last_four() -> None:
    assert mask_id_number("64010219800101123X") == "640102********123X"


def test_phone_is_masked_keeping_prefix_and_last_four() -> None:
    assert mask_phone("13812345678") == "138****5678"


def test_account_is_masked_keeping_first_and_last_four() -> None:
    assert mask_account("6222021234567890123") == "6222 **** **** 0123"
    assert mask_account("6222 0212 3456 7890") == "6222 **** **** 7890"


def test_values_too_short_to_mask_are_hidden_entirely() -> None:
    assert mask_id_number("64010") == "*****"
    assert mask_phone("12345") == "*****"
    assert mask_account("12345678") == "********"
