"""`python -m gateway serve --help` lists every setting: its variable, default and meaning.

The meanings are the comments beside (or just above) each field in gateway/settings.py, so the
help cannot drift from the code that reads the settings.
"""

from __future__ import annotations

import inspect
import io
import re
import tokenize
from pathlib import Path

from gateway.settings import Settings

FIELD = re.compile(r"^    (\w+)\s*:")
SECRET = re.compile(r"secret|key|token", re.IGNORECASE)


def field_comments(source: str) -> dict[str, str]:
    """Each field's trailing comment, else the comment lines right above it."""
    trailing = {t.start[0]: t.string.lstrip("# ").strip() for t in _tokens(source) if t.type == tokenize.COMMENT}
    comments, above = {}, []
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip().startswith("#"):
            above.append(line.strip().lstrip("# ").strip())
            continue
        if (match := FIELD.match(line)) is not None:
            comments[match.group(1)] = trailing.get(number) or " ".join(above)
        above = []
    return comments


def _tokens(source: str) -> list[tokenize.TokenInfo]:
    return list(tokenize.generate_tokens(io.StringIO(source).readline))


def settings_help() -> str:
    comments = field_comments(inspect.getsource(Settings))
    lines = ["settings (environment variables; see README, 'Running it for real'):"]
    for name, field in Settings.model_fields.items():
        variable = field.validation_alias if isinstance(field.validation_alias, str) else f"GATEWAY_{name.upper()}"
        value = str(field.default) if isinstance(field.default, Path) else field.default
        default = "(generated)" if SECRET.search(name) and not value else repr(value)
        lines.append(f"  {variable} = {default}")
        if comments.get(name):
            lines.append(f"      {comments[name]}")
    return "\n".join(lines)
