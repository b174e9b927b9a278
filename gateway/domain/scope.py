"""Who the service is for: people who died in Ningxia and had a Ningxia household registration.

The plan (宁公(治)通〔2025〕7号) limits the service to 在宁死亡的本地户籍人员; an application outside
that scope gets a clear refusal, not a silent drop.
"""

# Household codes are county level (GB/T 2260), so the first four digits must name a prefecture.
NINGXIA_PREFECTURES: dict[str, str] = {
    "6401": "银川市",
    "6402": "石嘴山市",
    "6403": "吴忠市",
    "6404": "固原市",
    "6405": "中卫市",
}

_NINGXIA_COUNTIES = (
    "兴庆区",
    "金凤区",
    "西夏区",
    "永宁县",
    "贺兰县",
    "灵武市",
    "大武口区",
    "惠农区",
    "平罗县",
    "利通区",
    "红寺堡区",
    "盐池县",
    "同心县",
    "青铜峡市",
    "原州区",
    "西吉县",
    "隆德县",
    "泾源县",
    "彭阳县",
    "沙坡头区",
    "中宁县",
    "海原县",
)

# Prefecture names without 市 are distinctive enough to match; county short forms are not
# (同心路, 兴庆宫 and 永宁镇 exist elsewhere), so counties match only by their full names.
_NINGXIA_PLACES = ("宁夏", *(name.removesuffix("市") for name in NINGXIA_PREFECTURES.values()), *_NINGXIA_COUNTIES)

# The other 33 province-level divisions, by the names people write without 省/市/自治区.
# Single-character abbreviations (陕, 甘, 青...) are left out: they occur in ordinary words.
_OTHER_PROVINCES = (
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "内蒙",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "新疆",
    "香港",
    "澳门",
    "台湾",
)

SCOPE_MESSAGES: dict[str, str] = {
    "REGION_CODE_FORMAT": "户籍地区划代码应为 6 位数字，例如银川市兴庆区为 640104",
    "OUT_OF_SCOPE_REGION": (
        "本事项仅受理在宁夏死亡且户籍在宁夏的人员（户籍地区划代码应以 64 开头，"
        "并属于银川、石嘴山、吴忠、固原、中卫五市之一）"
    ),
    "DEATH_PLACE_EMPTY": "请填写死亡地点，例如“银川市兴庆区某医院”或“家中”",
    "OUT_OF_SCOPE_DEATH_PLACE": (
        "本事项仅受理在宁夏死亡且户籍在宁夏的人员；在区外死亡的，请向死亡地相关部门办理死亡证明等手续"
    ),
}


INCIDENT_MESSAGES: dict[str, str] = {
    "REGION_CODE_FORMAT": "事发地区划代码应为 6 位数字，例如银川市金凤区为 640106",
    "OUT_OF_SCOPE_REGION": "事发地应在宁夏境内（区划代码以 64 开头，属于银川、石嘴山、吴忠、固原、中卫五市之一）",
}


def region_code_problem(code: str) -> str | None:
    code = code.strip()
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return "REGION_CODE_FORMAT"
    if code[:4] not in NINGXIA_PREFECTURES:
        return "OUT_OF_SCOPE_REGION"
    return None


def prefecture_of(code: str) -> str | None:
    code = code.strip()
    if region_code_problem(code) is not None:
        return None
    return NINGXIA_PREFECTURES[code[:4]]


def death_place_problem(place: str) -> str | None:
    """Refuse only a place that names another province and no Ningxia place.

    Text naming neither (家中, 某医院) is accepted: the Ningxia household code already ties the
    case to Ningxia, and the clerk's pre-review sees the full text.
    """
    if not place.strip():
        return "DEATH_PLACE_EMPTY"
    if any(name in place for name in _NINGXIA_PLACES):
        return None
    if any(name in place for name in _OTHER_PROVINCES):
        return "OUT_OF_SCOPE_DEATH_PLACE"
    return None
