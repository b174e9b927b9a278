"""Which items apply to a case, and which are ready to go out (DOMAIN.md §3-4)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from adapters.kinds import ItemKind
from gateway.domain.catalogue import CATALOGUE, ItemDefinition, definition
from gateway.domain.circumstances import Circumstances
from gateway.domain.status import SATISFIES_PREREQUISITE, ItemStatus


def chosen(item: ItemDefinition, optional_items: frozenset[ItemKind] | None) -> bool:
    """Stops always apply; claims and queries only when asked for (None: everything offered)."""
    return not item.optional or optional_items is None or item.kind in optional_items


def applicable_kinds(circumstances: Circumstances, optional_items: frozenset[ItemKind] | None) -> dict[ItemKind, bool]:
    return {d.kind: chosen(d, optional_items) and d.applies(circumstances) for d in CATALOGUE}


def prerequisites_met(kind: ItemKind, statuses: Mapping[ItemKind, ItemStatus]) -> bool:
    return all(
        statuses.get(req, ItemStatus.NOT_APPLICABLE) in SATISFIES_PREREQUISITE for req in definition(kind).requires
    )


def releasable(statuses: Mapping[ItemKind, ItemStatus]) -> list[ItemKind]:
    """Waiting items whose prerequisites have all completed (or do not apply)."""
    return [k for k, s in statuses.items() if s == ItemStatus.WAITING and prerequisites_met(k, statuses)]


def missing_prerequisites(kind: ItemKind, statuses: Mapping[ItemKind, ItemStatus]) -> list[ItemKind]:
    reqs: Iterable[ItemKind] = definition(kind).requires
    return [r for r in reqs if statuses.get(r, ItemStatus.NOT_APPLICABLE) not in SATISFIES_PREREQUISITE]
