"""What the current request or job is about, for every log line written while it runs.

A context variable, so each request and each dispatcher job (its own task) sees only its own facts,
and whatever logs during it (ours, uvicorn's access line, a library's) is stamped with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from types import MappingProxyType

_FIELDS: ContextVar[Mapping[str, str]] = ContextVar("gateway_log_fields", default=MappingProxyType({}))


class LogFields:
    """Add facts (request_id, case_id, operation, ...) for the time of the block; empty ones are left out.

    A class, not a generator under @contextmanager: every request enters one, and the generator's
    machinery cost more than the context variable itself."""

    __slots__ = ("fields", "token")

    def __init__(self, **fields: str | None) -> None:
        self.fields = {k: v for k, v in fields.items() if v}

    def __enter__(self) -> None:
        self.token = _FIELDS.set({**_FIELDS.get(), **self.fields})

    def __exit__(self, *_exception: object) -> None:
        _FIELDS.reset(self.token)


def add_log_field(name: str, value: str | None) -> None:
    """Add one fact to the current block (an operation's name is known only once it is parsed)."""
    if value:
        _FIELDS.set({**_FIELDS.get(), name: value})


def current_log_fields() -> Mapping[str, str]:
    return _FIELDS.get()
