"""How a mutation runs its gateway call: a refusal becomes the payload's `errors`, and a global id
of the wrong type is as missing as an unknown one."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from gateway.errors import Refused, not_found
from gateway.ids import from_global
from schema.payloads import FieldError

T = TypeVar("T")


async def attempt(work: Awaitable[T]) -> tuple[T | None, list[FieldError]]:
    try:
        return await work, []
    except Refused as refused:
        return None, [FieldError.of(p) for p in refused.problems]


def key_of(global_id: str, type_name: str, field: str) -> str:
    decoded = from_global(global_id, type_name)
    if decoded is None:
        raise not_found(field)
    return decoded[1]
