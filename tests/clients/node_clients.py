"""Real JavaScript client libraries (tests/clients/node) run by Node against the gateway.

Their packages are pinned by package-lock.json and installed with `npm ci` into the git-ignored
node_modules the first time a test needs them. Without node and npm, or without the registry,
the tests skip and say why — as the browser tests do without Chromium.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent / "node"


def installed() -> Path:
    """The folder to run scripts in, with its packages installed; skips the test when it cannot be."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed: the JavaScript client tests need them")
    lock = HERE / "package-lock.json"
    stamp = HERE / "node_modules" / ".package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        command = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
        done = subprocess.run(command, cwd=HERE, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            pytest.skip(f"npm ci failed (no registry?): {done.stderr.strip()[-500:]}")
    return HERE


def run_script(script: str, *args: str, timeout: float = 60) -> list[Any]:
    """Runs a script; its output is one JSON value per line. A timeout ends it, keeping what it said."""
    folder = installed()
    try:
        done = subprocess.run(["node", script, *args], cwd=folder, capture_output=True, text=True, timeout=timeout)
        output, errors = done.stdout, done.stderr
        assert done.returncode == 0, f"{script} failed: {errors[-2000:]}"
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout.decode() if isinstance(expired.stdout, bytes) else (expired.stdout or "")
    return [json.loads(line) for line in output.splitlines() if line.strip()]
