"""The `cases` page cursor: opaque to clients, so anything but one we handed out is refused by name."""

from __future__ import annotations

import base64
import binascii
import re
from datetime import UTC, datetime

from gateway.errors import InvalidArgument

# What we hand out: an ISO timestamp with its offset and the row's sequence number, "|"-separated.
SHAPE = re.compile(r"(?P<at>[0-9T:.+\-]{19,40})\|(?P<seq>[0-9]{1,18})")
MESSAGE = "分页游标无效，请使用 pageInfo.endCursor 返回的值 (invalid cursor: use pageInfo.endCursor)"


def cursor_of(submitted_at: datetime, seq: int) -> str:
    return base64.urlsafe_b64encode(f"{submitted_at.isoformat()}|{seq}".encode()).decode()


def after(cursor: str | None) -> tuple[datetime, int] | None:
    """The (submitted_at, seq) a cursor stands for; a forged one is the client's mistake, not a fault."""
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii", errors="strict")).decode("ascii")
        shape = SHAPE.fullmatch(text)
        at = datetime.fromisoformat(shape["at"]) if shape else None
        if shape is None or at is None or at.tzinfo is None:
            raise _invalid()  # a naive timestamp would reach the database and fail there
        return at.astimezone(UTC), int(shape["seq"])
    except (binascii.Error, UnicodeError, ValueError, OverflowError):
        raise _invalid() from None


def _invalid() -> InvalidArgument:
    return InvalidArgument(MESSAGE, field="after")
