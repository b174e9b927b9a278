"""The item catalogue: every certificate and jointly handled item of the plan (DOMAIN.md §2-3).

Time limits are in `time_limits.py` (the operator sets some) and the family's guide in `guide.py`.

Adding an item is one entry here, one in the guide, plus its agency's adapter mapping. `applies` reads the case's
circumstances (the application plus what the agencies' records say) and is pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from adapters.kinds import Agency, CertificateKind, Fact, ItemKind
from gateway.domain.circumstances import Circumstances

K = ItemKind
DEATH_CERTIFICATES = (K.MEDICAL_DEATH_CERTIFICATE, K.ABNORMAL_DEATH_CERTIFICATE)


@dataclass(frozen=True)
class ItemDefinition:
    kind: ItemKind
    title: str
    agency: Agency
    requires: tuple[ItemKind, ...]
    optional: bool
    applies_when: str  # 中文, shown to families and clerks
    applies: Callable[[Circumstances], bool]
    certificate: CertificateKind | None = None
    # Its rule reads the application's death type or disposal, not the agencies' records: before an
    # application (the eligibility query) it cannot be judged, only described.
    decided_by_form: bool = False


def _has(fact: Fact) -> Callable[[Circumstances], bool]:
    return lambda c: c.holds(fact)


def _always(_: Circumstances) -> bool:
    return True


def _item(
    kind: ItemKind,
    title: str,
    agency: Agency,
    applies_when: str,
    applies: Callable[[Circumstances], bool],
    *,
    requires: tuple[ItemKind, ...] = DEATH_CERTIFICATES,
    optional: bool = False,
) -> ItemDefinition:
    return ItemDefinition(kind, title, agency, requires, optional, applies_when, applies)


def _certificate(
    kind: ItemKind, title: str, agency: Agency, applies_when: str, applies: Callable[[Circumstances], bool],
    requires: tuple[ItemKind, ...] = (), by_form: bool = False,
) -> ItemDefinition:  # fmt: skip
    return ItemDefinition(
        kind, title, agency, requires, False, applies_when, applies, CertificateKind(kind.value), by_form
    )


CATALOGUE: tuple[ItemDefinition, ...] = (
    _certificate(K.MEDICAL_DEATH_CERTIFICATE, "居民死亡医学证明", Agency.HEALTH,
                 "正常死亡", lambda c: c.death_type == "NORMAL", by_form=True),
    _certificate(K.ABNORMAL_DEATH_CERTIFICATE, "非正常死亡证明", Agency.PUBLIC_SECURITY,
                 "非正常死亡", lambda c: c.death_type == "ABNORMAL", by_form=True),
    _certificate(K.CREMATION_CERTIFICATE, "火化证", Agency.CIVIL_AFFAIRS,
                 "遗体火化", lambda c: c.disposal == "CREMATION", requires=DEATH_CERTIFICATES, by_form=True),
    _certificate(K.GRAVE_USE_CERTIFICATE, "墓位使用证", Agency.CIVIL_AFFAIRS,
                 "骨灰或遗体在公墓、陵园安葬", _has(Fact.GRAVE_RESERVED),
                 requires=(*DEATH_CERTIFICATES, K.CREMATION_CERTIFICATE)),
    _certificate(K.BURIAL_CERTIFICATE, "安葬证明", Agency.CIVIL_AFFAIRS,
                 "安葬且无墓位使用证", lambda c: c.known_absent(Fact.GRAVE_RESERVED),
                 requires=(*DEATH_CERTIFICATES, K.CREMATION_CERTIFICATE)),
    _item(K.HUKOU_CANCELLATION, "死亡人员户口注销", Agency.PUBLIC_SECURITY, "均需办理", _always),
    _item(K.DRIVING_LICENCE_CANCELLATION, "机动车驾驶证注销", Agency.PUBLIC_SECURITY,
          "持有机动车驾驶证", _has(Fact.DRIVING_LICENCE)),
    _item(K.SOCIAL_INSURANCE_SUSPENSION, "社会保险待遇暂停", Agency.HRSS,
          "领取社会保险待遇", _has(Fact.SOCIAL_INSURANCE_BENEFITS)),
    _item(K.PENSION_ACCOUNT_REFUND, "养老保险个人账户一次性待遇申领(含多领抵扣或应发补发)", Agency.HRSS,
          "有养老保险个人账户", _has(Fact.PENSION_ACCOUNT),
          requires=(*DEATH_CERTIFICATES, K.HUKOU_CANCELLATION), optional=True),
    _item(K.FUNERAL_GRANT, "丧葬补助金申领", Agency.HRSS, "参加社会保险", _has(Fact.INSURED),
          requires=(*DEATH_CERTIFICATES, K.HUKOU_CANCELLATION), optional=True),
    _item(K.SURVIVOR_BENEFIT, "职工遗属(抚恤)待遇申领", Agency.HRSS, "参保职工或退休人员且有符合条件的遗属",
          _has(Fact.SURVIVORS), requires=(*DEATH_CERTIFICATES, K.HUKOU_CANCELLATION), optional=True),
    _item(K.UNEMPLOYMENT_BENEFIT_STOP, "失业保险待遇和公益性岗位补贴停发", Agency.HRSS,
          "领取失业保险待遇或公益性岗位补贴", _has(Fact.UNEMPLOYMENT_BENEFITS)),
    _item(K.MEDICAL_INSURANCE_TERMINATION, "终止基本医保参保关系和医保待遇", Agency.MEDICAL_SECURITY,
          "参加基本医疗保险", _has(Fact.MEDICAL_INSURED)),
    _item(K.MEDICAL_ACCOUNT_WITHDRAWAL, "参保人员个人账户一次性支取(基本医疗保险)", Agency.MEDICAL_SECURITY,
          "医保个人账户有余额", _has(Fact.MEDICAL_ACCOUNT_BALANCE), optional=True),
    _item(K.HOUSING_FUND_WITHDRAWAL, "住房公积金提取(死亡)", Agency.HOUSING_FUND,
          "有住房公积金账户（须由原单位封存）", _has(Fact.HOUSING_FUND_ACCOUNT), optional=True),
    _item(K.SOCIAL_ASSISTANCE_TERMINATION, "社会救助终止", Agency.CIVIL_AFFAIRS,
          "享受低保、特困等社会救助", _has(Fact.SOCIAL_ASSISTANCE)),
    _item(K.ELDERLY_SUBSIDY_TERMINATION, "老年人福利补贴终止", Agency.CIVIL_AFFAIRS,
          "领取老年人福利补贴", _has(Fact.ELDERLY_SUBSIDY)),
    _item(K.DISABILITY_SUBSIDY_TERMINATION, "困难残疾人生活补贴和重度残疾人护理补贴终止", Agency.CIVIL_AFFAIRS,
          "领取残疾人两项补贴", _has(Fact.DISABILITY_SUBSIDY)),
    _item(K.VETERAN_BENEFIT_SETTLEMENT, "退役军人抚恤金发放/遗属待遇停发", Agency.VETERANS_AFFAIRS,
          "退役军人或优抚对象", _has(Fact.VETERAN)),
    _item(K.DISABILITY_CERTIFICATE_CANCELLATION, "残疾人证注销、终止残疾人待遇", Agency.DISABLED_PERSONS_FEDERATION,
          "持有残疾人证", _has(Fact.DISABILITY_CERTIFICATE)),
    _item(K.WILL_NOTARY_CHECK, "遗嘱公证信息核查", Agency.JUSTICE, "继承人申请", _always, optional=True),
    _item(K.EQUITY_REGISTRATION_QUERY, "继承人查询已故人员股权登记信息", Agency.MARKET_REGULATION,
          "继承人申请", _always, optional=True),
    _item(K.SMALL_DEPOSIT_WITHDRAWAL, "继承人提取已故存款人小额存款", Agency.FINANCIAL_REGULATION,
          "已故存款人有小额存款（每家银行不超过5万元）", _has(Fact.DEPOSITS), optional=True),
)  # fmt: skip

BY_KIND: dict[ItemKind, ItemDefinition] = {d.kind: d for d in CATALOGUE}


def definition(kind: ItemKind) -> ItemDefinition:
    return BY_KIND[kind]


def kinds_of(agency: Agency) -> frozenset[ItemKind]:
    return frozenset(d.kind for d in CATALOGUE if d.agency == agency)


AGENCY_NAMES: dict[Agency, str] = {
    Agency.HEALTH: "卫生健康部门",
    Agency.PUBLIC_SECURITY: "公安部门",
    Agency.CIVIL_AFFAIRS: "民政部门",
    Agency.HRSS: "人力资源社会保障部门",
    Agency.MEDICAL_SECURITY: "医疗保障部门",
    Agency.HOUSING_FUND: "住房公积金管理中心",
    Agency.VETERANS_AFFAIRS: "退役军人事务部门",
    Agency.DISABLED_PERSONS_FEDERATION: "残疾人联合会",
    Agency.JUSTICE: "司法行政部门(公证机构)",
    Agency.MARKET_REGULATION: "市场监督管理部门",
    Agency.FINANCIAL_REGULATION: "金融监管部门(银行)",
}

# Items the family chooses that pay money out: they need the payout account (DOMAIN.md §3).
PAYOUT_ITEMS = frozenset(
    {
        ItemKind.PENSION_ACCOUNT_REFUND,
        ItemKind.FUNERAL_GRANT,
        ItemKind.SURVIVOR_BENEFIT,
        ItemKind.MEDICAL_ACCOUNT_WITHDRAWAL,
        ItemKind.HOUSING_FUND_WITHDRAWAL,
        ItemKind.SMALL_DEPOSIT_WITHDRAWAL,
    }
)
# Every item whose agency may pay the family, and so receives the payout account: the chosen payout
# items, and the veterans' settlement, which pays the funeral allowance its record entitles the
# family to (军人抚恤优待条例: a disabled veteran dying of illness, 12 months of their disability pension).
PAID_TO_THE_FAMILY = PAYOUT_ITEMS | frozenset({ItemKind.VETERAN_BENEFIT_SETTLEMENT})
