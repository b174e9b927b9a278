"""Administrative divisions the population lives in (GB/T 2260 codes) and places people die."""

from __future__ import annotations

# code -> (prefecture-level city, district or county, a hospital there, a street or town there)
REGIONS: dict[str, tuple[str, str, str, str]] = {
    "640104": ("银川市", "兴庆区", "宁夏医科大学总医院", "丽景街道"),
    "640105": ("银川市", "西夏区", "宁夏回族自治区第五人民医院", "文昌路街道"),
    "640106": ("银川市", "金凤区", "宁夏回族自治区人民医院", "满城北街街道"),
    "640121": ("银川市", "永宁县", "永宁县人民医院", "杨和镇"),
    "640122": ("银川市", "贺兰县", "贺兰县人民医院", "习岗镇"),
    "640181": ("银川市", "灵武市", "灵武市人民医院", "城区街道"),
    "640202": ("石嘴山市", "大武口区", "石嘴山市第一人民医院", "长胜街道"),
    "640205": ("石嘴山市", "惠农区", "石嘴山市第二人民医院", "南街街道"),
    "640221": ("石嘴山市", "平罗县", "平罗县人民医院", "城关镇"),
    "640302": ("吴忠市", "利通区", "吴忠市人民医院", "胜利镇"),
    "640303": ("吴忠市", "红寺堡区", "红寺堡区人民医院", "红寺堡镇"),
    "640323": ("吴忠市", "盐池县", "盐池县人民医院", "花马池镇"),
    "640324": ("吴忠市", "同心县", "同心县人民医院", "豫海镇"),
    "640381": ("吴忠市", "青铜峡市", "青铜峡市人民医院", "小坝镇"),
    "640402": ("固原市", "原州区", "固原市人民医院", "南关街道"),
    "640422": ("固原市", "西吉县", "西吉县人民医院", "吉强镇"),
    "640423": ("固原市", "隆德县", "隆德县人民医院", "城关镇"),
    "640424": ("固原市", "泾源县", "泾源县人民医院", "香水镇"),
    "640425": ("固原市", "彭阳县", "彭阳县人民医院", "白阳镇"),
    "640502": ("中卫市", "沙坡头区", "中卫市人民医院", "文昌镇"),
    "640521": ("中卫市", "中宁县", "中宁县人民医院", "宁安镇"),
    "640522": ("中卫市", "海原县", "海原县人民医院", "海城镇"),
    "610102": ("西安市", "新城区", "西安市第九医院", "西一路街道"),
}
PROVINCES = {"64": "宁夏回族自治区", "61": "陕西省"}


def district(code: str) -> str:
    city, county, _, _ = REGIONS[code]
    return f"{PROVINCES[code[:2]]}{city}{county}"


def hospital(code: str) -> str:
    return REGIONS[code][2]


def place_of_death(code: str, in_hospital: bool) -> str:
    _, county, hospital_name, street = REGIONS[code]
    where = hospital_name.removeprefix(county) if in_hospital else f"{street}家中"
    return f"{district(code)}{where}"


def health_centre(code: str) -> str:
    """Who confirms a death at home: the community health centre or township hospital (DOMAIN §2)."""
    _, county, _, street = REGIONS[code]
    kind = "社区卫生服务中心" if street.endswith("街道") else "卫生院"
    return f"{county}{street.removesuffix('街道')}{kind}"


def in_ningxia(code: str) -> bool:
    return code.startswith("64")
