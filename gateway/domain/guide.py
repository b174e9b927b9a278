"""The guide (办事指南, plan 三(一), 四(四)): per item, what the family brings, who handles it, how
they hear the result. Time limits live in `time_limits.py`: the operator sets some of them.

Pure data. What the agencies already hold is looked up (数据共享) and not listed: the death
certificate, for one, reaches every agency from the platform and is never asked of the family.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

from adapters.kinds import ItemKind, MaterialKind

K = ItemKind
MK = MaterialKind


@dataclass(frozen=True)
class Material:
    kind: MaterialKind  # what an upload of it is filed under (attachMaterial)
    name: str  # 中文
    needed_when: str | None = None  # 中文; None: always


class ResultNotice(Enum):
    """The form the result takes; every result also lands on the case (plan 四(三): 办理结果统一反馈)."""

    CERTIFICATE = "CERTIFICATE"  # an electronic certificate with a verification code
    PAYMENT = "PAYMENT"  # money paid to the applicant's account, with its amount
    RECORD_CHANGED = "RECORD_CHANGED"  # a registration cancelled or a benefit stopped, with its date
    QUERY_ANSWER = "QUERY_ANSWER"  # what a register holds, told to the heir


_ON_THE_PLATFORM = "结果反馈至联办平台，家属可在“我的宁夏”App、宁夏政务服务网或综合窗口查看办理进度并接收推送"
NOTICE_TEXT: Mapping[ResultNotice, str] = MappingProxyType(
    {
        ResultNotice.CERTIFICATE: f"在线开具电子证照（附核验码，任何人可核验）；{_ON_THE_PLATFORM}",
        ResultNotice.PAYMENT: f"款项发放至申请人本人银行账户，金额及扣减明细显示在申请中；{_ON_THE_PLATFORM}",
        ResultNotice.RECORD_CHANGED: f"注销或停发结果及生效日期显示在申请中；{_ON_THE_PLATFORM}",
        ResultNotice.QUERY_ANSWER: f"查询结果告知申请人（继承人）；{_ON_THE_PLATFORM}",
    }
)


@dataclass(frozen=True)
class GuideEntry:
    office: str  # 中文: the kind of office that handles it
    materials: tuple[Material, ...]
    notice: ResultNotice

    @property
    def notice_text(self) -> str:
        return NOTICE_TEXT[self.notice]


APPLICANT_ID = Material(MK.APPLICANT_ID, "申请人居民身份证")
# Who may apply (plan 二): near relatives or a specified related person, each proving it differently.
RELATIONSHIP = (
    Material(
        MK.RELATIONSHIP_PROOF,
        "与死者的亲属关系证明（户口簿、结婚证、出生医学证明等；公安户籍信息可核验的免交）",
        "申请人为近亲属",
    ),
    Material(MK.RELATIONSHIP_PROOF, "与死者存在特定关系的证明（如村(居)委会、单位出具的证明）", "申请人为特定关系人"),
)
ACCOUNT = Material(MK.PAYOUT_ACCOUNT, "申请人本人银行账户（用于发放款项）")
INHERITANCE = Material(
    MK.INHERITANCE_DOCUMENT,
    "继承权公证书、经公证的遗嘱，或人民法院生效判决书、调解书",
    "有其他同一顺序继承人未同意由申请人领取，或死者生前立有遗嘱",
)
CLAIM = (APPLICANT_ID, *RELATIONSHIP, ACCOUNT, INHERITANCE)  # money an heir receives
HEIR_QUERY = (APPLICANT_ID, *RELATIONSHIP)  # a register an heir may look into
NOTHING_MORE = (APPLICANT_ID,)  # stops and cancellations: the agencies' own records suffice


def _entry(office: str, notice: ResultNotice, *materials: Material) -> GuideEntry:
    return GuideEntry(office, materials, notice)


C, P, R, Q = ResultNotice.CERTIFICATE, ResultNotice.PAYMENT, ResultNotice.RECORD_CHANGED, ResultNotice.QUERY_ANSWER

GUIDE: Mapping[ItemKind, GuideEntry] = MappingProxyType({
    K.MEDICAL_DEATH_CERTIFICATE: _entry(
        "医疗机构：在医疗机构死亡的由该医疗机构开具；在非医疗机构正常死亡的，由所在村(居)委会上报，"
        "本辖区社区卫生服务机构或乡镇卫生院与家属确认后开具", C,
        Material(MK.DECEASED_ID, "死者居民身份证或户口簿"),
        Material(MK.DEATH_CIRCUMSTANCES, "配合经办人员确认死亡情况（死亡时间、地点、经过）", "在家中等非医疗机构死亡"),
    ),
    K.ABNORMAL_DEATH_CERTIFICATE: _entry(
        "公安派出所（死者户籍所在地或事发所在地），家属须到所办理", C,
        APPLICANT_ID, Material(MK.DECEASED_ID, "死者居民身份证或户口簿"),
    ),
    K.CREMATION_CERTIFICATE: _entry("民政部门（殡仪馆）", C, APPLICANT_ID),
    K.GRAVE_USE_CERTIFICATE: _entry(
        "民政部门（公墓、陵园）", C, APPLICANT_ID, Material(MK.GRAVE_CONTRACT, "公墓或公益性墓地的墓位购买（使用）合同")
    ),
    K.BURIAL_CERTIFICATE: _entry("民政部门", C, APPLICANT_ID, Material(MK.BURIAL_PLACE_STATEMENT, "安葬地点说明")),
    K.HUKOU_CANCELLATION: _entry(
        "公安派出所（死者户籍所在地）", R, APPLICANT_ID, Material(MK.DECEASED_ID_CARD_RETURN, "死者居民身份证（注销后交回，遗失的说明情况）")
    ),
    K.DRIVING_LICENCE_CANCELLATION: _entry(
        "公安交通管理部门（车辆管理所）", R, APPLICANT_ID, Material(MK.DRIVING_LICENCE_RETURN, "死者机动车驾驶证（交回；无法交回的公告作废）")
    ),
    K.SOCIAL_INSURANCE_SUSPENSION: _entry("社会保险经办机构", R, *NOTHING_MORE),
    K.PENSION_ACCOUNT_REFUND: _entry("社会保险经办机构", P, *CLAIM),
    K.FUNERAL_GRANT: _entry("社会保险经办机构", P, *CLAIM),
    K.SURVIVOR_BENEFIT: _entry(
        "社会保险经办机构", P, *CLAIM,
        Material(MK.DEPENDANT_PROOF, "遗属由死者生前供养、无固定收入的证明", "遗属为父母、配偶或未成年子女以外的亲属，或已成年"),
    ),
    K.UNEMPLOYMENT_BENEFIT_STOP: _entry("公共就业服务机构（失业保险经办机构）", R, *NOTHING_MORE),
    K.MEDICAL_INSURANCE_TERMINATION: _entry("医疗保障经办机构", R, *NOTHING_MORE),
    K.MEDICAL_ACCOUNT_WITHDRAWAL: _entry("医疗保障经办机构", P, *CLAIM),
    K.HOUSING_FUND_WITHDRAWAL: _entry(
        "住房公积金管理中心", P, *CLAIM,
        # Plan 三(四): the employer seals the account; the centre pays out only a sealed one.
        Material(MK.HOUSING_FUND_SEALING_CERTIFICATE, "原缴存单位出具的死者住房公积金账户封存证明（由原单位办理封存）"),
    ),
    K.SOCIAL_ASSISTANCE_TERMINATION: _entry("县级民政部门（社会救助经办机构）", R, *NOTHING_MORE),
    K.ELDERLY_SUBSIDY_TERMINATION: _entry("县级民政部门", R, *NOTHING_MORE),
    K.DISABILITY_SUBSIDY_TERMINATION: _entry("县级民政部门", R, *NOTHING_MORE),
    K.VETERAN_BENEFIT_SETTLEMENT: _entry(
        "退役军人事务部门", P, APPLICANT_ID, *RELATIONSHIP, ACCOUNT,
        Material(MK.VETERAN_DOCUMENTS, "死者的优待证、伤残军人证等证件（交回）", "死者持有"),
    ),
    K.DISABILITY_CERTIFICATE_CANCELLATION: _entry(
        "残疾人联合会", R, APPLICANT_ID, Material(MK.DISABILITY_CERTIFICATE_RETURN, "死者残疾人证（交回；遗失的说明情况）")
    ),
    K.WILL_NOTARY_CHECK: _entry("公证机构（司法行政部门指导）", Q, *HEIR_QUERY),
    K.EQUITY_REGISTRATION_QUERY: _entry("市场监督管理部门（登记机关）", Q, *HEIR_QUERY),
    K.SMALL_DEPOSIT_WITHDRAWAL: _entry(
        "开户银行（金融监管部门指导）", P, APPLICANT_ID, *RELATIONSHIP, ACCOUNT,
        # The national rule (2024-06-01): up to 50,000 yuan per bank without notarisation.
        Material(MK.INHERITANCE_DOCUMENT, "继承权公证书或人民法院生效判决书", "在同一银行存款合计超过5万元"),
    ),
})  # fmt: skip


def guide(kind: ItemKind) -> GuideEntry:
    return GUIDE[kind]
