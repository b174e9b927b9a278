"""Soak: a few hundred cases through the real gateway while faults come and go on random agencies.

    .venv/bin/python -m scripts.soak [--cases 300] [--seed N] [--rate 4] [--max-faults 40] [--deadline 900]

Not part of CI. Starts the mock agencies as their own process and the gateway against them (so the
gateway's peak memory is its own), loopback only, on free ports; or drives ones already running
(`--gateway-url --mocks-url --admin-token [--gateway-pid]`). Cases are submitted at `--rate` a second
with distinct idempotency keys (GATEWAY_ONE_CASE_PER_DECEASED=false: the 41 people repeat) while
a seeded chaos loop stages outages, failures, slowness, 429s, garbage and duplicate call-backs on
random agencies, each for a few seconds, never more than `--max-faults` in all. Then every fault is
cleared and the run waits (bounded by `--deadline`) for the cases to settle, approving any that
went to a clerk's pre-review (as the window clerk would), and prints what happened.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from adapters.registry import base_urls_under, load_specs
from tests.support.client import SUBMIT, application_for
from tests.support.processes import ROOT, free_port, gateway_env, running_mocks, start, stop, wait_healthy

AGENCIES = [spec.AGENCY.value for spec in load_specs().values()]
FAULTS: list[dict[str, Any]] = [
    {"outage": True},
    {"failureRate": 0.5},
    {"slowSeconds": 1.5},
    {"slowSeconds": 9.0},  # beyond every adapter timeout
    {"rateLimit": True, "retryAfter": 1},
    {"malformed": True},
    {"duplicateCallback": True},
]
SETTINGS = {
    "GATEWAY_ONE_CASE_PER_DECEASED": "false",
    "GATEWAY_RATE_LIMITS": "false",
    "GATEWAY_ACCESS_LOG": "false",
    "GATEWAY_CALLBACK_POLL_SECONDS": "5",
    "GATEWAY_DISPATCH_BACKOFF_SECONDS": "1",
    "GATEWAY_DISPATCH_BACKOFF_CAP_SECONDS": "15",
    "GATEWAY_BREAKER_RESET_SECONDS": "5",
    "GATEWAY_DISPATCH_LEASE_SECONDS": "60",
}
OPEN = ["SUBMITTED", "UNDER_REVIEW", "IN_PROGRESS", "RETURNED"]
PAGE = """query($f: CaseFilter, $after: String) { cases(filter: $f, first: 50, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id reference status items { kind status lastError } } } } }"""
REVIEW = """mutation($id: ID!) { reviewCase(caseId: $id, decision: APPROVE) { errors { code } } }"""
TOKENS = (
    "import json; from gateway.__main__ import mock_agency_tokens; from gateway.settings import Settings; "
    "print(json.dumps(mock_agency_tokens(Settings())))"
)


@dataclass(frozen=True)
class Stack:
    graphql: str
    mocks: str
    token: str
    pid: int | None


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m scripts.soak", description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=300)
    p.add_argument("--seed", type=int, default=None, help="default: random, printed")
    p.add_argument("--max-faults", type=int, default=40, help="faults staged in all")
    p.add_argument("--rate", type=float, default=4.0, help="submissions per second (faults last as long)")
    p.add_argument("--concurrency", type=int, default=6, help="submissions in flight")
    p.add_argument("--time-scale", default="0.1", help="the mocks' working speed")
    p.add_argument("--deadline", type=float, default=900.0, help="seconds for the whole run")
    p.add_argument("--gateway-url", help="a running gateway's base URL (then also --mocks-url, --admin-token)")
    p.add_argument("--mocks-url")
    p.add_argument("--admin-token")
    p.add_argument("--gateway-pid", type=int, help="for the peak memory of a gateway already running")
    p.add_argument("--workdir", type=Path, help="keep the data dir and logs here (default: a temporary one)")
    return p.parse_args()


@contextmanager
def started(args: argparse.Namespace, workdir: Path) -> Iterator[Stack]:
    if args.gateway_url:
        yield Stack(f"{args.gateway_url.rstrip('/')}/graphql", args.mocks_url, args.admin_token, args.gateway_pid)
        return
    port = free_port()
    with ExitStack() as stack:
        mocks = stack.enter_context(
            running_mocks(workdir / "mocks.log", f"http://127.0.0.1:{port}/graphql", args.time_scale)
        )
        urls = base_urls_under(mocks)
        env = gateway_env(workdir, port, free_port(), **SETTINGS)
        env |= {"GATEWAY_SERVE_MOCKS": "false", "GATEWAY_AGENCY_BASE_URLS": json.dumps(urls)}
        process = start(env, workdir / "gateway.log")
        stack.callback(stop, process)
        wait_healthy(f"http://127.0.0.1:{port}", process, workdir / "gateway.log")
        tokens = json.loads(subprocess.check_output([sys.executable, "-c", TOKENS], env=env, cwd=ROOT))
        httpx.post(f"{mocks}/admin/tokens", json=tokens).raise_for_status()
        admin = [sys.executable, "-m", "gateway", "token", "--role", "admin", "--subject", "soak"]
        token = subprocess.check_output(admin, env=env, cwd=ROOT, text=True).strip()
        yield Stack(f"http://127.0.0.1:{port}/graphql", mocks, token, process.pid)


async def graphql(http: httpx.AsyncClient, stack: Stack, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = await http.post(
        stack.graphql, json={"query": query, "variables": variables}, headers={"Authorization": f"Bearer {stack.token}"}
    )
    body = response.json()
    if body.get("errors"):
        raise RuntimeError(body["errors"])
    return body["data"]  # type: ignore[no-any-return]


async def submit_all(
    http: httpx.AsyncClient, stack: Stack, people: list[dict[str, Any]], args: argparse.Namespace
) -> int:
    """Every case once, paced, a few at a time; a submission that fails is repeated with its key."""
    gate = asyncio.Semaphore(args.concurrency)

    async def one(n: int) -> bool:
        variables = {"input": application_for(people[n % len(people)]), "key": f"soak-{args.seed}-{n}"}
        await asyncio.sleep(n / args.rate)
        async with gate:
            for _ in range(5):
                try:
                    payload = (await graphql(http, stack, SUBMIT, variables))["submitApplication"]
                    return not payload["errors"]
                except (httpx.HTTPError, RuntimeError, ValueError):
                    await asyncio.sleep(1)
        return False

    return sum(await asyncio.gather(*(one(n) for n in range(args.cases))))


async def chaos(
    http: httpx.AsyncClient, mocks: str, rng: random.Random, args: argparse.Namespace, until: asyncio.Event
) -> Counter[str]:
    """Faults on random agencies, a few seconds each, at most two at a time and `--max-faults` in all."""
    staged: Counter[str] = Counter()
    active: dict[str, float] = {}
    while not until.is_set() and sum(staged.values()) < args.max_faults:
        now = time.monotonic()
        for agency in [a for a, ends in active.items() if ends <= now]:
            await http.delete(f"{mocks}/admin/faults/{agency}")
            del active[agency]
        if len(active) < 2:
            agency, fault = rng.choice([a for a in AGENCIES if a not in active]), rng.choice(FAULTS)
            await http.put(f"{mocks}/admin/faults/{agency}", json=fault)
            active[agency] = now + rng.uniform(2.0, 8.0)
            staged[f"{agency}:{next(iter(fault))}"] += 1
        await asyncio.sleep(rng.uniform(0.5, 3.0))
    for agency in active:
        await http.delete(f"{mocks}/admin/faults/{agency}")  # not /admin/reset: that would clear the ledger
    return staged


async def open_cases(http: httpx.AsyncClient, stack: Stack) -> list[dict[str, Any]]:
    return await all_cases(http, stack, {"status": OPEN})


async def all_cases(
    http: httpx.AsyncClient, stack: Stack, filter_: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    found, after = [], None
    while True:
        page = (await graphql(http, stack, PAGE, {"f": filter_, "after": after}))["cases"]
        found += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


async def settle(http: httpx.AsyncClient, stack: Stack, deadline: float) -> int:
    """Wait for every case to settle, approving those a clerk must review; returns how many were."""
    reviewed: set[str] = set()
    while time.monotonic() < deadline:
        still = await open_cases(http, stack)
        if not still:
            break
        for case in still:
            if case["status"] == "UNDER_REVIEW" and case["id"] not in reviewed:
                await graphql(http, stack, REVIEW, {"id": case["id"]})
                reviewed.add(case["id"])
        await asyncio.sleep(2)
    return len(reviewed)


def duplicates(ledger: dict[str, dict[str, Any]]) -> tuple[int, int]:
    """(keys applied more than once, items applied under more than one key of the same generation)."""
    per_item = Counter(key.rsplit(":", 1)[0] for key in ledger if key.count(":") >= 2)
    over_applied = sum(1 for entry in ledger.values() if entry["applied"] > 1)
    return over_applied, sum(1 for count in per_item.values() if count > 1)


def peak_memory(pid: int | None) -> str:
    try:
        status = Path(f"/proc/{pid}/status").read_text() if pid else ""
    except OSError:
        return "unknown (process gone)"
    return next((line.split(":", 1)[1].strip() for line in status.splitlines() if line.startswith("VmHWM")), "unknown")


async def soak(args: argparse.Namespace, stack: Stack) -> dict[str, Any]:
    rng, deadline = random.Random(args.seed), time.monotonic() + args.deadline
    async with httpx.AsyncClient(timeout=60) as http:
        people = [p for p in (await http.get(f"{stack.mocks}/people")).json() if not p["expect"]["outOfScope"]]
        rng.shuffle(people)
        started_at, calm = time.monotonic(), asyncio.Event()
        chaos_task = asyncio.create_task(chaos(http, stack.mocks, rng, args, calm))
        submitted = await submit_all(http, stack, people, args)
        calm.set()
        staged = await chaos_task
        reviewed = await settle(http, stack, deadline)
        cases = await all_cases(http, stack)
        ledger = (await http.get(f"{stack.mocks}/admin/ledger")).json()["keys"]
    statuses = Counter(case["status"] for case in cases)
    items = Counter(item["status"] for case in cases for item in case["items"])
    over_applied, double_keyed = duplicates(ledger)
    return {
        "seed": args.seed,
        "seconds": round(time.monotonic() - started_at, 1),
        "cases submitted": submitted,
        "cases completed": statuses["COMPLETED"],
        "cases partially completed (rejections the family must correct)": statuses["PARTIALLY_COMPLETED"],
        "cases still open at the deadline": sum(statuses[s] for s in OPEN),
        "cases a clerk had to approve": reviewed,
        "items failed for good": items["FAILED"],
        "  of which broke inside the gateway": sum(
            1 for case in cases for item in case["items"] if "internal error" in (item["lastError"] or "")
        ),
        "items rejected by agencies": items["REJECTED"],
        "faults staged": sum(staged.values()),
        "fault kinds": dict(Counter(name.split(":")[1] for name in staged.elements())),
        "duplicate applications (ledger applied > 1)": over_applied,
        "items applied under two keys": double_keyed,
        "gateway peak memory (VmHWM)": peak_memory(stack.pid),
    }


def main() -> None:
    args = parse()
    args.seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 30)
    print(f"soak: seed {args.seed}, {args.cases} cases, at most {args.max_faults} faults", flush=True)
    with ExitStack() as stack_:
        workdir = args.workdir or Path(stack_.enter_context(tempfile.TemporaryDirectory(prefix="soak-")))
        workdir.mkdir(parents=True, exist_ok=True)
        report = asyncio.run(soak(args, stack_.enter_context(started(args, workdir))))
    for name, value in report.items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
