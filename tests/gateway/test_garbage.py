"""Once a server is up, what it built to start is frozen out of the cycle collector's scans, and the
youngest generation is scanned less often (gateway/garbage.py)."""

from __future__ import annotations

import subprocess
import sys

from tests.support.processes import ROOT

PROBE = """
import gc
import gateway.app  # the schema, the models, the libraries: what a server holds for its whole life
from gateway.garbage import YOUNGEST, settle_heap
before = gc.get_freeze_count()
settle_heap()
print(before, gc.get_freeze_count(), gc.get_threshold()[0] == YOUNGEST)
"""


def test_settling_the_heap_freezes_what_the_server_was_built_from() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    before, after, tuned = done.stdout.split()
    assert int(before) == 0
    assert int(after) > 50_000  # the modules and the schema, no longer scanned on every full collection
    assert tuned == "True"
