"""JSON is read as `json` reads it, whichever parser reads it (gateway/json_decoding.py): a request's
body as bytes, a JSON column's value as text."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.json_decoding import decode_json

LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=30)


@given(VALUES)
def test_any_json_body_reads_as_json_reads_it(value: object) -> None:
    body = json.dumps(value, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")
    try:
        expected = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        with pytest.raises(json.JSONDecodeError):
            decode_json(body)
        return
    assert _same(decode_json(body), expected)
    assert _same(decode_json(body.decode("utf-8")), expected)  # as a JSON column's value arrives


@pytest.mark.parametrize(
    "body",
    [
        b'{"variables": {"n": 1180591620717411303424}}',  # 2**70: a float had it been orjson's
        b'{"variables": {"n": -9223372036854775809}}',
        b'{"variables": {"n": NaN, "m": Infinity}}',
        b'{"variables": {"n": 1e400}}',
        b'{"query": "\\ud800"}',  # a lone surrogate, escaped
        b'{"a": 1, "a": 2}',
    ],
)
def test_what_only_json_reads_is_read_as_json_reads_it(body: bytes) -> None:
    assert _same(decode_json(body), json.loads(body.decode("utf-8")))
    assert _same(decode_json(body.decode("utf-8")), json.loads(body.decode("utf-8")))


def test_text_holding_a_lone_surrogate_is_read_as_json_reads_it() -> None:
    text = '{"a": "\ud800"}'  # the surrogate itself (as text may hold it), not its escape
    assert _same(decode_json(text), json.loads(text))


@pytest.mark.parametrize("body", [b"\xef\xbb\xbf{}", b"{} x", b'{"a": "\x01"}', b"\xff", b"[" * 5000 + b"]" * 5000])
def test_what_json_refuses_is_refused(body: bytes) -> None:
    with pytest.raises(json.JSONDecodeError):
        decode_json(body)


def _same(got: object, expected: object) -> bool:
    """Equal, of the same types all the way down (1 == 1.0 would hide a number read as a float)."""
    if type(got) is not type(expected):
        return False
    if isinstance(got, dict):
        assert isinstance(expected, dict)
        return list(got) == list(expected) and all(_same(got[k], expected[k]) for k in got)
    if isinstance(got, list):
        assert isinstance(expected, list)
        return len(got) == len(expected) and all(_same(a, b) for a, b in zip(got, expected, strict=True))
    if isinstance(got, float):
        assert isinstance(expected, float)
        return got == expected or (math.isnan(got) and math.isnan(expected))
    return got == expected
