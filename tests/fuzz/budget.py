"""How much to fuzz, and from which seed: FUZZ_SEED (a number, or "random"), FUZZ_EXAMPLES (a total).

The default seed is fixed, so CI is repeatable; a failure names its seed in the assertion, and
`FUZZ_SEED=<seed> pytest tests/fuzz` replays it.
"""

from __future__ import annotations

import os
import random

_SEED_SETTING = os.environ.get("FUZZ_SEED", "20261128")
SEED = random.randrange(2**32) if _SEED_SETTING == "random" else int(_SEED_SETTING)
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "900"))


def announcement() -> str:
    return f"fuzz: FUZZ_SEED={SEED} FUZZ_EXAMPLES={EXAMPLES}"
