"""Before and after (issue #13): the cold and the warm status read of two checkouts, in turns.

    git worktree add ../before <rev>
    python -m scripts.bench_ab --before ../before [--database sqlite|postgres] [--database-url URL]
                               [--rounds 4] [--seconds 8] [--warmup 2] [--connections 32]

scripts/bench_status.py measures each row once, minutes apart. On a shared 2-core machine the
host's own speed drifts by 10-20 % within minutes, more than most single steps gain, so a
before-and-after of two such runs says little. This completes one case (with this checkout), then
serves it from the gateway of `--before` and of this checkout in turns, cold and warm, the order
alternating by round, and prints every run and the ratio of the means. Both checkouts must read
the same database schema (no migration between them).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from statistics import mean
from tempfile import TemporaryDirectory

from scripts import bench_servers as servers
from scripts.bench_status import LUA, Load, complete_one_case
from tests.support.processes import ROOT, free_port


def run_once(load: Load, tree: Path, database: dict[str, str], cache: bool) -> float:
    """Requests per second of `tree`'s gateway, its response cache on (warm) or off (cold)."""
    port = free_port()
    command, env = servers.gateway(load.work / "data", port, database, cache)
    env["PYTHONPATH"] = str(tree)  # its own packages, not this checkout's
    url = f"http://127.0.0.1:{port}"
    with servers.server(command, env, url, load.work / "gateway.log", cwd=tree):
        return load.wrk(url).rps


def _served(load: Load, trees: dict[str, Path], database: dict[str, str], cache: bool, name: str) -> float:
    return run_once(load, trees[name], database, cache)


def add_load_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)


def prepared_load(work: Path, database: dict[str, str], args: argparse.Namespace) -> Load:
    """One completed case in `work`, and the load that reads it."""
    token, body = complete_one_case(work / "data", database)
    (work / "post.lua").write_text(LUA.format(token=token, body=body))
    return Load(work, body, token, args.seconds, args.warmup, args.connections)


def in_turns(label: str, names: tuple[str, str], rounds: int, run: Callable[[str], float]) -> None:
    """Each of the two runs once a round, the order alternating; prints every run and the means."""
    runs: dict[str, list[float]] = {name: [] for name in names}
    for turn in range(rounds):
        for name in names[:: 1 if turn % 2 == 0 else -1]:
            runs[name].append(run(name))
            print(f"{label} round {turn + 1} {name:8} {runs[name][-1]:8.0f} req/s", flush=True)
    first, second = (mean(runs[name]) for name in names)
    print(
        f"{label}: {names[0]} {first:.0f}, {names[1]} {second:.0f} req/s: {names[1]} ÷ {names[0]} {second / first:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the other checkout (e.g. a git worktree)")
    add_load_arguments(parser)
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": ROOT}
    if not (trees["before"] / "gateway" / "__main__.py").exists():
        raise SystemExit(f"{args.before} is not a checkout of this repository")
    with TemporaryDirectory(prefix="bench-ab-") as scratch, servers.database(args.database, args.database_url) as db:
        load = prepared_load(Path(scratch), db, args)
        for mode, cache in (("cold", False), ("warm", True)):
            in_turns(
                f"{args.database} {mode}", ("before", "after"), args.rounds, partial(_served, load, trees, db, cache)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
