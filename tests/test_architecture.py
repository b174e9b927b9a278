"""The layers hold: imports run schema -> gateway -> adapters, the domain does no I/O, mocks stand apart.

docs/ARCHITECTURE.md draws the same picture in words; this test fails when an import crosses it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("gateway", "schema", "adapters", "mocks")
COMPOSITION_ROOT = frozenset({"gateway.app", "gateway.__main__"})
IO_LIBRARIES = {
    "aiosqlite", "alembic", "asyncio", "asyncpg", "fcntl", "httpx", "json", "logging", "os", "pathlib",
    "socket", "sqlalchemy", "starlette", "strawberry", "subprocess", "uvicorn",
}  # fmt: skip
# The store seals personal data with the keyring: its column types are the one way down into security.
STORE_MAY_USE = frozenset({"gateway.security.crypto"})
# gateway's rooms, lowest first: a room may import only rooms below it (and the root's plain modules)
ROOMS_BELOW = {
    "domain": set(),
    "store": {"domain"},
    "security": {"domain", "store"},
    "agencies": {"domain", "security", "store"},
    "observability": {"domain", "security", "store"},
    "edge": {"domain", "security", "observability"},  # a request's id in every log line meanwhile
    "dispatch": {"domain", "security", "store", "agencies", "cases", "observability"},
    "cases": {"domain", "security", "store", "agencies", "dispatch", "observability"},
    "portal": {"domain", "security", "edge"},
}


def modules() -> Iterator[tuple[str, Path]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


MODULES = dict(modules())
IMPORTS = {name: imports_of(path) for name, path in MODULES.items()}


def crossings(
    source_prefix: str,
    forbidden: tuple[str, ...],
    allowed: frozenset[str] = frozenset(),
    permitted: frozenset[str] = frozenset(),
) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, targets in IMPORTS.items()
        if (module == source_prefix or module.startswith(source_prefix + ".")) and module not in allowed
        for target in targets
        if any(target == f or target.startswith(f + ".") for f in forbidden)
        and not any(target == p or target.startswith(p + ".") for p in permitted)
    )


def test_adapters_import_neither_the_gateway_nor_the_schema_nor_the_mocks() -> None:
    assert crossings("adapters", ("gateway", "schema", "mocks")) == []


def test_only_the_composition_root_imports_the_schema() -> None:
    assert crossings("gateway", ("schema",), allowed=COMPOSITION_ROOT) == []


def test_nothing_but_the_composition_root_imports_the_mocks() -> None:
    assert crossings("gateway", ("mocks",), allowed=COMPOSITION_ROOT) == []
    assert crossings("schema", ("mocks",)) == []
    assert crossings("adapters", ("mocks",)) == []


def test_the_mocks_import_none_of_ours() -> None:
    assert crossings("mocks", ("gateway", "schema", "adapters")) == []


def test_the_domain_does_no_io() -> None:
    assert crossings("gateway.domain", tuple(IO_LIBRARIES)) == []


def test_the_domain_imports_nothing_of_the_gateway_outside_it() -> None:
    outside = tuple(f"gateway.{name}" for name in ROOMS_BELOW if name != "domain")
    assert crossings("gateway.domain", (*outside, "gateway.services", "gateway.settings", "gateway.app")) == []


def test_the_schema_holds_no_sql() -> None:
    assert crossings("schema", ("sqlalchemy", "asyncpg", "aiosqlite")) == []


@pytest.mark.parametrize("room", sorted(ROOMS_BELOW))
def test_a_room_of_the_gateway_imports_only_the_rooms_below_it(room: str) -> None:
    above = tuple(f"gateway.{other}" for other in ROOMS_BELOW if other != room and other not in ROOMS_BELOW[room])
    permitted = STORE_MAY_USE if room == "store" else frozenset()
    assert crossings(f"gateway.{room}", (*above, "gateway.app"), permitted=permitted) == []
