"""What every agency call reports, without knowing who listens: the facts of the call for log lines.

The gateway reads them when it writes a log line (gateway/observability/logs.py); adapters never
import the gateway.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType

_CALL: ContextVar[Mapping[str, str]] = ContextVar("agency_call_fields", default=MappingProxyType({}))


@contextmanager
def call_fields(**fields: str | None) -> Iterator[None]:
    token = _CALL.set({**_CALL.get(), **{k: v for k, v in fields.items() if v}})
    try:
        yield
    finally:
        _CALL.reset(token)


def current_call_fields() -> Mapping[str, str]:
    return _CALL.get()
