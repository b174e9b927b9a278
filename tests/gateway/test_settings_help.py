"""`serve --help` lists every setting with its variable and default, explained by the code's comments."""

from __future__ import annotations

import subprocess
import sys

from gateway.settings import Settings
from gateway.settings_help import field_comments
from tests.support.processes import ROOT


def test_serve_help_lists_every_setting_by_its_variable() -> None:
    shown = subprocess.check_output([sys.executable, "-m", "gateway", "serve", "--help"], cwd=ROOT, text=True)
    missing = [n for n in Settings.model_fields if f"GATEWAY_{n.upper()} = " not in shown and n != "database_url"]
    assert missing == [] and "DATABASE_URL = " in shown
    assert "GATEWAY_DATA_DIR = 'var'" in shown and "GATEWAY_JWT_SECRET = (generated)" in shown


def test_a_field_is_explained_by_its_trailing_comment_or_the_comment_above() -> None:
    source = "class S:\n    # above, first line\n    # second line\n    a: int = 1\n    b: str = ''  # beside\n    c: int = 2\n"
    assert field_comments(source) == {"a": "above, first line second line", "b": "beside", "c": ""}
