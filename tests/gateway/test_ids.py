import pytest

from gateway.ids import from_global, to_global


@pytest.mark.parametrize(
    ("type_name", "key"),
    [("Case", "3f2b8c1e-5d4a-4c1b-9e7f-1a2b3c4d5e6f"), ("Item", "42"), ("Case", "NX-2026-000001"), ("Case", "a:b")],
)
def test_a_global_id_round_trips(type_name: str, key: str) -> None:
    assert from_global(to_global(type_name, key)) == (type_name, key)
    assert from_global(to_global(type_name, key), expected=type_name) == (type_name, key)


def test_a_global_id_is_opaque_and_url_safe() -> None:
    global_id = to_global("Case", "案件?/+")
    assert "Case" not in global_id
    assert not set(global_id) & set("=+/")


@pytest.mark.parametrize("garbage", ["", "a", "!!!!", "not base64 at all", "____", "gA", "Q2FzZQ", "Q2FzZTo"])
def test_garbage_is_not_an_id(garbage: str) -> None:
    assert from_global(garbage) is None


def test_an_id_of_another_type_is_not_accepted_where_a_type_is_expected() -> None:
    assert from_global(to_global("Item", "42"), expected="Case") is None


def test_an_id_of_any_type_is_accepted_when_no_type_is_expected() -> None:
    assert from_global(to_global("Item", "42")) == ("Item", "42")
