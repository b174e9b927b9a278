"""One set of materials (plan 四(一)): the family provides each paper once, for every item that
needs it, and nothing that data sharing already proved. Pure: the guide (guide.py) says which item
needs which paper; this module takes the union and subtracts.

A material the guide lists under a condition the gateway cannot judge from the form (a will, a
second heir who disagrees, savings over 50,000 yuan at one bank) is not asked for up front: the
clerk asks for it at pre-review (`reviewCase(RETURN, requestMaterial)`), and it is then needed.
"""

from __future__ import annotations

from collections.abc import Iterable

from adapters.kinds import ItemKind, MaterialKind
from gateway.domain.guide import GUIDE

MK = MaterialKind
# Never asked of the family: the real-name login or the clerk's check at the window proves who
# applies, the police register (数据共享) holds the deceased's identity, and the form gives the account.
PROVED_BY_SHARING = frozenset({MK.APPLICANT_ID, MK.DECEASED_ID, MK.PAYOUT_ACCOUNT})
# Needed unless the police register itself showed the relationship: a clerk's approval lets a case go
# ahead, but is not data sharing, and an agency that needs the paper (the notary) still needs it.
PROVED_BY_REGISTER = frozenset({MK.RELATIONSHIP_PROOF})
# Listed with a condition, yet one of them always holds: who applies is a near relative or a specified person.
ALWAYS_ONE_OF = frozenset({MK.RELATIONSHIP_PROOF})


def wanted_by(kind: ItemKind) -> frozenset[MaterialKind]:
    """What the guide lists for an item, conditions the gateway cannot judge left out."""
    return frozenset(m.kind for m in GUIDE[kind].materials if m.needed_when is None or m.kind in ALWAYS_ONE_OF)


def listed_for(kind: ItemKind) -> frozenset[MaterialKind]:
    """Every material the guide lists for an item, conditional or not: what its agency may be sent."""
    return frozenset(m.kind for m in GUIDE[kind].materials)


def needed(
    items: Iterable[ItemKind], *, relationship_on_register: bool, requested: Iterable[MaterialKind] = ()
) -> frozenset[MaterialKind]:
    """The union the applicable items need, minus what sharing proved, plus what a clerk asked for."""
    proved = PROVED_BY_SHARING | (PROVED_BY_REGISTER if relationship_on_register else frozenset())
    union = frozenset(m for kind in items for m in wanted_by(kind))
    return (union - proved) | frozenset(requested)


def missing(needed_kinds: Iterable[MaterialKind], attached: Iterable[MaterialKind]) -> list[MaterialKind]:
    """What is still to provide, in the order MaterialKind lists them (a stable answer)."""
    have, want = set(attached), set(needed_kinds)
    return [k for k in MaterialKind if k in want and k not in have]
