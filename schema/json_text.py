"""Answers as JSON text: orjson's speed, the standard library's exact bytes.

A status read's answer is about 21 KB, and `json.dumps` spent about 0.24 ms of a 3 ms cold read
writing it (issue #13); orjson writes it in 0.015. Clients, the response cache and the tests compare
answers byte for byte, so orjson is used only where it writes what `json.dumps(ensure_ascii=False,
separators=(",", ":"))` writes. The two differ in three places, each sent back to `json`:
- small floats: orjson writes 1e-7 as `1e-7` and 1e-5 as `0.00001`, json as `1e-07` and `1e-05`.
  Every such float carries `e-` after a digit or `0.0000`, so a scan for those (false alarms in
  strings included) is cheap and sends every such answer back. Outside that range the two agree;
- what orjson refuses: integers beyond 64 bits, strings holding lone surrogates, non-string keys;
- subclasses of str, int, dict and list, dates and dataclasses: orjson passes them on, json writes
  or refuses them as it always did. (uuids and enum members, which orjson would write and json
  refuses, never reach an answer: graphql-core serializes every leaf to a plain value.)
NaN and infinities never reach here: graphql-core's Float refuses them.
tests/schema/test_json_text.py holds the two to the same bytes.
"""

from __future__ import annotations

import json
import re

import orjson

_EXPONENT = re.compile(rb"e-")  # a literal first character: the scan runs at memchr speed
_DIGITS = range(ord("0"), ord("9") + 1)
_STRICT = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS


def dumps(data: object) -> str:
    try:
        fast = orjson.dumps(data, option=_STRICT)
    except orjson.JSONEncodeError:
        return _standard(data)
    if b"0.0000" in fast or any(fast[m.start() - 1] in _DIGITS for m in _EXPONENT.finditer(fast)):
        return _standard(data)
    return fast.decode()


def _standard(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # UTF-8, as the media type says
