"""An enum's members by value (schema/enums.py `by_value`) are the members its call makes."""

from __future__ import annotations

from enum import Enum
from typing import Any

import pytest

from adapters import kinds
from gateway.domain import status
from schema import enums

LOOKED_UP: list[tuple[dict[Any, Any], type[Enum]]] = [
    (enums.AGENCIES, enums.Agency),
    (enums.ITEM_KINDS, enums.ItemKind),
    (enums.ITEM_STATUSES, enums.ItemStatus),
    (enums.ITEM_KIND_VALUES, kinds.ItemKind),
    (enums.ITEM_STATUS_VALUES, status.ItemStatus),
]


@pytest.mark.parametrize(("members", "enum"), LOOKED_UP, ids=lambda x: getattr(x, "__name__", "members"))
def test_each_stored_value_finds_the_member_the_enum_call_makes(members: dict[Any, Any], enum: type[Enum]) -> None:
    values = [member.value for member in enum]
    assert len(members) == len(values) == len(set(values))
    for value in values:
        assert members[value] is enum(value)


def test_a_value_no_member_has_is_refused() -> None:
    with pytest.raises(KeyError):
        enums.ITEM_STATUSES["LOST"]
