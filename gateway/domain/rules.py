"""Which items apply to a case, and which are ready to go out (DOMAIN.md §3-4)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from adapters.kinds import Agency, Fact, ItemKind
from gateway.domain.catalogue import AGENCY_NAMES, CATALOGUE, DEATH_CERTIFICATES, ItemDefinition, definition
from gateway.domain.circumstances import Circumstances
from gateway.domain.status import SATISFIES_PREREQUISITE, UNSETTLED_ITEM_STATUSES, ItemStatus

S = ItemStatus


def chosen(item: ItemDefinition, optional_items: frozenset[ItemKind] | None) -> bool:
    """Stops always apply; claims and queries only when asked for (None: everything offered)."""
    return not item.optional or optional_items is None or item.kind in optional_items


def applicable_kinds(circumstances: Circumstances, optional_items: frozenset[ItemKind] | None) -> dict[ItemKind, bool]:
    return {d.kind: chosen(d, optional_items) and d.applies(circumstances) for d in CATALOGUE}


@dataclass(frozen=True)
class Eligibility:
    kind: ItemKind
    applicable: bool
    reason: str


def records_only(facts: frozenset[Fact], unknown: frozenset[Agency]) -> Circumstances:
    """What the agencies' records alone say, before any application. The death type and disposal
    stand in for the form's: only items `decided_by_form` read them, and those are not judged."""
    return Circumstances("NORMAL", "CREMATION", facts, unknown)


def eligibility(item: ItemDefinition, facts: frozenset[Fact], unknown: frozenset[Agency]) -> Eligibility:
    """Whether an item would apply to a person, judged on the records alone (数据共享)."""
    agency = AGENCY_NAMES[item.agency]
    if item.decided_by_form:
        return Eligibility(item.kind, True, f"按申请填写的死亡类型和遗体处置方式确定（适用情形：{item.applies_when}）")
    applies = item.applies(records_only(facts, unknown))
    if item.agency in unknown and applies:
        return Eligibility(item.kind, True, f"{agency}暂时无法查询，办理时由该部门确认")
    if applies:
        return Eligibility(item.kind, True, f"{agency}记录显示：{item.applies_when}")
    return Eligibility(item.kind, False, f"{agency}无相关记录（适用情形：{item.applies_when}）")


def _status(statuses: Mapping[ItemKind, ItemStatus], kind: ItemKind) -> ItemStatus:
    return statuses.get(kind, S.NOT_APPLICABLE)


def death_certificate_issued(statuses: Mapping[ItemKind, ItemStatus]) -> bool:
    """ "以《居民死亡医学证明(推断)书》的死亡日期为准": one of the two kinds must have been issued."""
    return any(_status(statuses, k) == S.COMPLETED for k in DEATH_CERTIFICATES)


def missing_prerequisites(kind: ItemKind, statuses: Mapping[ItemKind, ItemStatus]) -> list[ItemKind]:
    """Unmet prerequisites in catalogue order. The death certificates are one prerequisite met by
    either kind once *issued*; one that does not apply never stands in for it. Any other
    prerequisite that does not apply counts as met (a body burial needs no cremation certificate)."""
    requires = definition(kind).requires
    death = [r for r in requires if r in DEATH_CERTIFICATES]
    awaited: set[ItemKind] = set()
    if death and not death_certificate_issued(statuses):
        awaited = {r for r in death if _status(statuses, r) != S.NOT_APPLICABLE} or set(death)
    return [
        r
        for r in requires
        if r in awaited or (r not in DEATH_CERTIFICATES and _status(statuses, r) not in SATISFIES_PREREQUISITE)
    ]


def prerequisites_met(kind: ItemKind, statuses: Mapping[ItemKind, ItemStatus]) -> bool:
    return not missing_prerequisites(kind, statuses)


def releasable(statuses: Mapping[ItemKind, ItemStatus]) -> list[ItemKind]:
    """Waiting items whose prerequisites are met."""
    return [k for k, s in statuses.items() if s == S.WAITING and prerequisites_met(k, statuses)]


def death_certificate_unobtainable(statuses: Mapping[ItemKind, ItemStatus]) -> bool:
    """Neither kind was issued and neither can still be, while items wait for one: the case is stuck
    and a clerk must look at it (nothing that depends on a death certificate goes out without one)."""
    if death_certificate_issued(statuses) or any(
        _status(statuses, k) in UNSETTLED_ITEM_STATUSES for k in DEATH_CERTIFICATES
    ):
        return False
    return any(s == S.WAITING and set(definition(k).requires) & set(DEATH_CERTIFICATES) for k, s in statuses.items())


def unobtainable_reason(notes: Mapping[ItemKind, str | None]) -> str:
    """Why no death certificate: what each issuer said (an agency's refusal or its "no record")."""
    said = [f"{definition(k).title}：{notes[k]}" for k in DEATH_CERTIFICATES if notes.get(k)]
    heard = f"（{'；'.join(said)}）" if said else ""
    return (
        f"未能取得死亡证明{heard}，其余事项均以死亡证明为前提，暂不推送；"
        "请核实死亡类型（正常死亡由医疗卫生机构出具《居民死亡医学证明》，非正常死亡由公安派出所出具《非正常死亡证明》）"
    )


def certificate_obstacle(death_type: str, death_recorded: bool | None) -> str | None:
    """Foreseen at pre-review from the health agency's records (数据共享): a normal death the health
    system has no record of cannot get a medical death certificate. None when nothing stands in the
    way, or when the health agency could not be asked (`death_recorded` None: it decides later)."""
    if death_type == "NORMAL" and death_recorded is False:
        return (
            "卫生健康部门没有逝者的死亡记录，无法出具《居民死亡医学证明》；"
            "如系非正常死亡（如交通事故、溺水），应由公安派出所出具《非正常死亡证明》，请核实死亡类型"
        )
    return None
