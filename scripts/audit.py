"""Dependency audit for CI: pip-audit over constraints.txt (every pinned package, tools included).

A known vulnerability fails the build. Not being able to ask the vulnerability service (offline
CI, a mirror-only network) only warns: pip-audit then reports every package as "not found" and
says "No known vulnerabilities found", which must not pass for a clean audit either.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [
    sys.executable, "-m", "pip_audit", "-r", str(ROOT / "constraints.txt"), "--disable-pip", "--no-deps",
    "--format", "json", "--progress-spinner", "off",
]  # fmt: skip


@dataclass(frozen=True)
class Verdict:
    failed: bool
    message: str


def verdict(returncode: int, stdout: str, stderr: str) -> Verdict:
    try:
        report: dict[str, Any] = json.loads(stdout)
    except ValueError:
        return Verdict(False, f"WARNING: dependency audit could not run ({_last_line(stderr)}); not audited")
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    if vulnerable:
        lines = [f"{d['name']} {d.get('version', '')}: {', '.join(v['id'] for v in d['vulns'])}" for d in vulnerable]
        return Verdict(True, "known vulnerabilities:\n  " + "\n  ".join(lines))
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        return Verdict(False, "WARNING: the vulnerability service could not be reached; nothing was audited")
    skipped = len(dependencies) - len(audited)
    return Verdict(returncode != 0, f"audited {len(audited)} packages, no known vulnerabilities ({skipped} skipped)")


def _last_line(text: str) -> str:
    return (text.strip().splitlines() or ["no output"])[-1]


def main() -> int:
    done = subprocess.run(COMMAND, capture_output=True, text=True, timeout=600, check=False)
    result = verdict(done.returncode, done.stdout, done.stderr)
    print(result.message, file=sys.stderr if result.failed or result.message.startswith("WARNING") else sys.stdout)
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(main())
