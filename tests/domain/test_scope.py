import pytest

from gateway.domain.scope import (
    NINGXIA_PREFECTURES,
    SCOPE_MESSAGES,
    death_place_problem,
    prefecture_of,
    region_code_problem,
)


@pytest.mark.parametrize("code", ["640104", "640221", "640303", "640402", "640502", "640100"])
def test_ningxia_county_codes_are_in_scope(code: str) -> None:
    assert region_code_problem(code) is None


@pytest.mark.parametrize("code", ["", "6401", "6401041", "64010a", "６４０１０４"])
def test_malformed_region_code_is_refused_with_format_code(code: str) -> None:
    assert region_code_problem(code) == "REGION_CODE_FORMAT"


@pytest.mark.parametrize("code", ["610102", "620102", "150102", "640000", "640600", "649901"])
def test_code_outside_the_five_prefectures_is_refused_as_out_of_scope(code: str) -> None:
    assert region_code_problem(code) == "OUT_OF_SCOPE_REGION"


def test_prefecture_is_named_from_the_first_four_digits() -> None:
    assert prefecture_of("640104") == "银川市"
    assert prefecture_of("640522") == "中卫市"


def test_prefecture_of_an_out_of_scope_code_is_none() -> None:
    assert prefecture_of("610102") is None
    assert prefecture_of("64") is None


def test_the_five_prefectures_are_known() -> None:
    assert sorted(NINGXIA_PREFECTURES.values()) == sorted(["银川市", "石嘴山市", "吴忠市", "固原市", "中卫市"])


@pytest.mark.parametrize("place", ["", "   "])
def test_blank_death_place_is_refused(place: str) -> None:
    assert death_place_problem(place) == "DEATH_PLACE_EMPTY"


@pytest.mark.parametrize(
    "place",
    ["宁夏回族自治区人民医院", "银川市兴庆区某小区", "石嘴山市第一人民医院", "同心县预旺镇", "青铜峡市家中", "海原县"],
)
def test_death_place_in_ningxia_is_accepted(place: str) -> None:
    assert death_place_problem(place) is None


@pytest.mark.parametrize(
    "place", ["陕西省西安市", "甘肃省兰州市第一医院", "内蒙古阿拉善盟", "北京市朝阳区", "广西壮族自治区南宁市"]
)
def test_death_place_in_another_province_is_refused_as_out_of_scope(place: str) -> None:
    assert death_place_problem(place) == "OUT_OF_SCOPE_DEATH_PLACE"


def test_death_place_naming_no_province_is_accepted() -> None:
    assert death_place_problem("家中") is None


def test_death_place_naming_ningxia_wins_over_another_province_mentioned_in_passing() -> None:
    assert death_place_problem("宁夏医科大学总医院（原籍甘肃）") is None


def test_every_scope_code_has_a_chinese_message() -> None:
    assert set(SCOPE_MESSAGES) == {
        "REGION_CODE_FORMAT",
        "OUT_OF_SCOPE_REGION",
        "DEATH_PLACE_EMPTY",
        "OUT_OF_SCOPE_DEATH_PLACE",
    }
    assert "64 开头" in SCOPE_MESSAGES["OUT_OF_SCOPE_REGION"]
