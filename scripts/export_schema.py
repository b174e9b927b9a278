"""Write the served schema as SDL to schema/schema.graphql (a test fails when they drift)."""

from __future__ import annotations

from pathlib import Path

from schema import build_schema

TARGET = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"


def served_sdl() -> str:
    return build_schema().as_str() + "\n"


if __name__ == "__main__":
    TARGET.write_text(served_sdl(), encoding="utf-8")
    print(f"wrote {TARGET}")
