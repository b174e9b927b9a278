"""固原市 (6404): the southern mountain counties; pension owed rather than overpaid."""

from __future__ import annotations

from decimal import Decimal as D

from mocks.people.build import deceased, kin
from mocks.people.model import Pension, Person, Shareholding


def people() -> list[Person]:
    return [
        deceased(
            "马俊",
            "640402",
            "19581003",
            17,
            "2026-10-19",
            disposal="BURIAL",
            applicant=kin("马燕", "CHILD", "640402", "19830226", 28),
            scenario="回族退休人员医院死亡，遗体土葬；持驾驶证",
            licence=True,
            pension=Pension(D("33100.00"), D("2870.00"), "2026-11"),
            medical_balance=D("1340.00"),
        ),
        deceased(
            "苏梅",
            "640422",
            "19460708",
            24,
            "2026-11-06",
            hospital=False,
            disposal="BURIAL",
            applicant=kin("苏永福", "CHILD", "640422", "19690101", 35),
            scenario="山区老人在家中死亡，乡镇卫生院核实；遗体土葬；特困供养，困难残疾人生活补贴",
            assistance="特困",
            disability_subsidy=D("90.00"),
        ),
        deceased(
            "虎林",
            "640423",
            "19790521",
            15,
            "2026-10-01",
            hospital=False,
            death_type="ABNORMAL",
            place="宁夏回族自治区固原市隆德县沙塘镇某建筑工地（高处坠落）",
            applicant=kin("虎小花", "SPOUSE", "640423", "19810916", 40),
            scenario="建筑工地高处坠落非正常死亡；在职职工，遗属待遇9个月；火化不入公墓",
            pension=Pension(D("21400.00")),
            survivor_months=9,
            medical_balance=D("700.00"),
        ),
        deceased(
            "王秀珍",
            "640402",
            "19520225",
            46,
            "2026-11-05",
            applicant=kin("张国栋", "CHILD", "640402", "19760803", 51),
            scenario="退休人员，10月、11月养老金未发放，个人账户退还时补发两个月；领取高龄津贴",
            pension=Pension(D("25600.00"), D("2310.00"), "2026-09"),
            elderly_subsidy=D("100.00"),
            medical_balance=D("450.00"),
        ),
        deceased(
            "禹成功",
            "640425",
            "19651212",
            39,
            "2026-09-27",
            applicant=kin("禹婷", "CHILD", "640425", "19900520", 62),
            scenario="退役士兵，享受定期抚恤；在职职工，公积金已封存",
            veteran="退役士兵（参战）",
            pension=Pension(D("39800.00")),
            housing_fund=D("28760.00"),
            medical_balance=D("1660.00"),
        ),
        deceased(
            "冯兰",
            "640424",
            "19410914",
            62,
            "2026-10-11",
            hospital=False,
            applicant=kin("冯建国", "CHILD", "640424", "19630828", 77),
            scenario="在家中死亡；享受城乡低保和高龄津贴；火化不入公墓",
            assistance="低保",
            elderly_subsidy=D("150.00"),
        ),
        deceased(
            "任国华",
            "640402",
            "19550409",
            73,
            "2026-10-24",
            applicant=kin("任静", "CHILD", "640402", "19820115", 46),
            scenario="退休干部，持有企业股权，生前办理遗嘱公证",
            will="宁夏回族自治区固原市公证处",
            grave="固原市原州区东岳山公墓",
            pension=Pension(D("45100.00"), D("4020.00"), "2026-11"),
            medical_balance=D("3870.00"),
            shares=(
                Shareholding("固原六盘山旅游开发有限公司", "91640400MA76E5JK6R", D("200.00"), "8%"),
                Shareholding("固原市国华农业科技有限公司", "91640402MA76F7LM8T", D("50.00"), "35%"),
            ),
        ),
    ]
