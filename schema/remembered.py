"""What is worked out once from parsed objects (documents, operations, field nodes), remembered by
their identity.

The edge keeps one parsed document per query text (gateway/edge/operation.py), so the same text
brings the same objects, and their ids are key enough: hashing a document (a frozen dataclass)
walks every node. An entry holds the objects its key names by id, so no id in a kept key can be
reused by another object while the entry is kept. The memory is bounded: least recently used first out.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Remembered(Generic[K, V]):
    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._kept: OrderedDict[K, tuple[V, object]] = OrderedDict()

    def get(self, key: K, holds: object, work: Callable[[], V]) -> V:
        """The value `work` gives for `key`, worked out once while kept; `holds`: what keeps the
        key's ids from being reused (the objects they name)."""
        kept = self._kept.get(key)
        if kept is not None:
            self._kept.move_to_end(key)
            return kept[0]
        value = work()
        self.put(key, holds, value)
        return value

    def peek(self, key: K) -> V | None:
        """The value kept for `key`, or None: nothing is worked out."""
        kept = self._kept.get(key)
        return None if kept is None else kept[0]

    def put(self, key: K, holds: object, value: V) -> None:
        self._kept[key] = (value, holds)
        self._kept.move_to_end(key)
        if len(self._kept) > self.maxsize:
            self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)
