"""Answers are written byte for byte as `json.dumps(ensure_ascii=False, separators=(",", ":"))`
writes them, whichever encoder wrote them (schema/json_text.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schema import json_text


def standard(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# What graphql-core hands the encoder: plain JSON values, any float it may show, any text a client
# or an agency may have put in a string (control characters, lone surrogates, digits and an `e`).
leaves = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.from_regex(r"[0-9]+e[-+]?[0-9]+", fullmatch=True)
)
answers = st.recursive(leaves, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=40)


@settings(max_examples=500, deadline=None)
@given(answers)
def test_any_answer_is_written_as_the_standard_library_writes_it(data: Any) -> None:
    try:
        expected = standard(data)
    except (TypeError, ValueError) as refused:
        with pytest.raises(type(refused)):
            json_text.dumps(data)
        with pytest.raises(type(refused)):
            json_text.encoded(data)
        return
    assert json_text.dumps(data) == expected
    try:
        body = expected.encode()
    except UnicodeEncodeError:  # a lone surrogate: no UTF-8 for it, whoever encodes
        with pytest.raises(UnicodeEncodeError):
            json_text.encoded(data)
        return
    assert json_text.encoded(data) == body


ODD_VALUES: list[Any] = [
    1e-7,
    -4.2e-9,
    1e-5,
    -2.5e-5,
    9.99e-5,
    1e-4,
    1e16,
    1.5e300,
    5e-324,
    1e15,
    3.3333333333333335,
    5.0,
    -0.0,
]
ODD_VALUES += [2**64, "\ud800", {1: "a"}]


@pytest.mark.parametrize(
    "value",
    ODD_VALUES,
    ids=repr,
)
def test_the_values_orjson_writes_differently_are_written_the_standard_way(value: Any) -> None:
    assert json_text.dumps({"data": {"x": [value]}}) == standard({"data": {"x": [value]}})
    if value != "\ud800":
        assert json_text.encoded({"data": {"x": [value]}}) == standard({"data": {"x": [value]}}).encode()


@pytest.mark.parametrize(
    ("text", "exponent"), [("e-", False), ("1e-", True), ("x1e-5", True), ('"time-e-mail"', False), ("9e-", True)]
)
def test_an_exponent_after_a_digit_anywhere_sends_the_answer_the_standard_way(text: str, exponent: bool) -> None:
    assert json_text._small_exponent(text.encode()) is exponent


class Status(StrEnum):
    DONE = "DONE"


@dataclass
class Stray:
    at: date


def test_a_str_subclass_is_written_as_its_text_and_a_stray_object_is_refused_as_before() -> None:
    assert json_text.dumps({"status": Status.DONE}) == '{"status":"DONE"}'
    for stray in (date(2026, 12, 5), Stray(date(2026, 12, 5))):
        with pytest.raises(TypeError):
            json_text.dumps({"x": stray})
