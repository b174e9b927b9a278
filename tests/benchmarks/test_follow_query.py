"""The benchmark measures the very query the README tells a family's app to send."""

from __future__ import annotations

import re

from scripts.bench_status import FOLLOW
from tests.support.processes import ROOT


def test_the_benchmarked_query_is_the_readmes_follow_query() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = re.search(r"```graphql\n(query Follow.*?)```", readme, re.S)
    assert documented is not None, "the README no longer shows a `query Follow`"
    assert documented.group(1).split() == FOLLOW.split()
