"""The gateway's errors. Expected failures are data (`Problem`s on a payload); the rest are few.

Refused          expected: the request cannot be done as asked (field, code, 中文 message)
Unauthenticated  no valid token where one is needed
Forbidden        the caller's role may not do this at all
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str


class Refused(Exception):
    def __init__(self, *problems: Problem) -> None:
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems


class Unauthenticated(Exception):
    code = "UNAUTHENTICATED"


class Forbidden(Exception):
    code = "FORBIDDEN"


def not_found(field: str) -> Refused:
    """The same answer whether the object is missing or hidden, so ids reveal nothing."""
    return Refused(Problem(field, "NOT_FOUND", "未找到该记录，或您无权访问"))


class InvalidArgument(Exception):
    """A query argument out of its range: answered as a GraphQL error, not a payload.

    `field` names the argument when the message alone would leave a client guessing which one."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
