"""Answers as JSON text: orjson's speed, the standard library's exact bytes.

A status read's answer is about 21 KB, and `json.dumps` spent about 0.24 ms of a 3 ms cold read
writing it (issue #13); orjson writes it in 0.015. Clients, the response cache and the tests compare
answers byte for byte, so orjson is used only where it writes what `json.dumps(ensure_ascii=False,
separators=(",", ":"))` writes. The two differ in three places, each sent back to `json`:
- small floats: orjson writes 1e-7 as `1e-7` and 1e-5 as `0.00001`, json as `1e-07` and `1e-05`.
  Every such float carries `e-` after a digit or `0.0000`, so a scan for those (false alarms in
  strings included) sends every such answer back. The scans are `in` and a literal regular
  expression (`bytes.find` took 18.6 µs to look for `e-` in a 21 KB answer, and one expression
  for both 16 µs: more than orjson takes to write it). Outside that range the two agree;
- what orjson refuses: integers beyond 64 bits, strings holding lone surrogates, non-string keys;
- subclasses of str, int, dict and list, dates and dataclasses: orjson passes them on, json writes
  or refuses them as it always did. (uuids and enum members, which orjson would write and json
  refuses, never reach an answer: graphql-core serializes every leaf to a plain value.)
NaN and infinities never reach here: graphql-core's Float refuses them.
tests/schema/test_json_text.py holds the two to the same bytes. An HTTP answer is sent as the bytes
written (`encoded`), not decoded to text and encoded again (about 18 µs for a status read).
"""

from __future__ import annotations

import json
import re

import orjson

_DIGITS = frozenset(b"0123456789")
# A literal pattern: re looks for it faster than bytes.find does (7.5 µs against 18.6 over a status read).
_E_MINUS = re.compile(rb"e-")
_STRICT = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS


def encoded(data: object) -> bytes:
    """The UTF-8 bytes of what `json.dumps` would write: an HTTP answer's body. (A lone surrogate
    cannot be encoded, and raises here as it did when Starlette encoded the text.)"""
    fast = _orjson(data)
    return fast if fast is not None else _standard(data).encode()


def dumps(data: object) -> str:
    """The text `json.dumps` would write (a socket's messages are text frames)."""
    fast = _orjson(data)
    return fast.decode() if fast is not None else _standard(data)


def _orjson(data: object) -> bytes | None:
    """orjson's bytes where they are json's; None where they are not."""
    try:
        fast = orjson.dumps(data, option=_STRICT)
    except orjson.JSONEncodeError:
        return None
    if b"0.0000" in fast or _small_exponent(fast):
        return None
    return fast


def _small_exponent(text: bytes) -> bool:
    for found in _E_MINUS.finditer(text):
        at = found.start()
        if at > 0 and text[at - 1] in _DIGITS:
            return True
    return False


def _standard(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # UTF-8, as the media type says
