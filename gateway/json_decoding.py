"""JSON read by orjson where orjson reads what `json` reads, by `json` where it does not: request
bodies (gateway/edge/graphql_request.py) and the database's JSON columns (gateway/store/db.py), whose
values SQLAlchemy passed to `json.loads`, about 2 % of a cold status read (its items' results)."""

from __future__ import annotations

import json

import orjson


def decode_json(data: str | bytes) -> object:
    """JSON in UTF-8; every way it can be wrong (bad bytes, too deep, too long a number) is a JSONDecodeError.

    orjson reads a body in a fifth of `json`'s time, and where it reads one at all it reads what
    `json` reads, except a whole number beyond 64 bits, which it makes a float: a body holding a
    float of that size, and any orjson refuses (NaN, a lone surrogate, deep nesting), is `json`'s.
    """
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    else:
        if not _holds_large_float(value):
            return value
    try:
        return json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError) as exc:
        raise json.JSONDecodeError(f"not valid JSON ({type(exc).__name__})", "", 0) from None


def _holds_large_float(value: object) -> bool:
    """A float beyond ±2**63, where orjson may have read a whole number `json` reads exactly."""
    pending = [value]
    while pending:
        value = pending.pop()
        if type(value) is dict:
            pending.extend(value.values())
        elif type(value) is list:
            pending.extend(value)
        elif type(value) is float and not -_LARGE < value < _LARGE:
            return True
    return False


_LARGE = 2.0**63
