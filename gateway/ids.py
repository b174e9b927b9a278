"""Opaque global ids (the GraphQL `Node` interface): base64 of "Type:key"."""

from __future__ import annotations

import base64
import binascii


def to_global(type_name: str, key: str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def from_global(global_id: str, expected: str | None = None) -> tuple[str, str] | None:
    """(type, key), or None for anything that is not one of our ids."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, key = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if not key or (expected is not None and type_name != expected):
        return None
    return type_name, key
