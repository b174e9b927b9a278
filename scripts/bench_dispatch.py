"""Benchmark: the dispatcher on PostgreSQL, in the production topology (scripts/cluster.py).

    TEST_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test python -m scripts.bench_dispatch

Prints, each run on a fresh database:
1. idle CPU of a `serve` and a `worker` process over --idle-seconds (30 by default), as % of a core;
2. wake latency across processes: a case submitted on `serve` (no dispatcher) until a `worker`,
   idle before it, claims its job; the median and worst of --samples;
3. dispatch throughput against instant mocks: items completed per second with 1 and with 2 workers,
   and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from gateway.settings import Settings
from scripts.cluster import Cluster, running_cluster
from tests.faults.flow import approvable, settle, submit
from tests.support.client import GraphQL
from tests.support.postgres import fresh_database

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
DEFAULTS = Settings()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def idle_cpu(cluster: Cluster, seconds: float) -> dict[str, float]:
    """Percent of one core each process used while nobody asked anything of it."""
    names = ("serve-0", "worker-0")
    before = {n: cpu_seconds(cluster.processes[n].pid) for n in names}
    time.sleep(seconds)
    return {n: 100 * (cpu_seconds(cluster.processes[n].pid) - before[n]) / seconds for n in names}


def case_uuid(global_id: str) -> str:
    padded = global_id + "=" * (-len(global_id) % 4)
    return base64.urlsafe_b64decode(padded).decode().split(":", 1)[1]


async def claimed_at(db: asyncpg.Connection, case_id: str, within: float = 10.0) -> datetime | None:
    """When a worker claimed the case's first job: its lease end less the lease term."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        until = await db.fetchval(
            "SELECT leased_until FROM dispatch_jobs WHERE case_id = $1 AND lease_owner IS NOT NULL", case_id
        )
        if until is not None:
            return until - timedelta(seconds=DEFAULTS.dispatch_lease_seconds)  # type: ignore[no-any-return]
        await asyncio.sleep(0.001)
    return None  # done before we looked, or never claimed


async def wake_latencies(cluster: Cluster, database_url: str, people: list[dict[str, Any]]) -> list[float]:
    db = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    latencies = []
    try:
        async with httpx.AsyncClient(timeout=30) as http:
            admin = GraphQL(http, cluster.graphql(0), cluster.token("admin", "bench"))
            for person in people:
                case = await submit(admin, person)
                claimed = await claimed_at(db, case_uuid(case["id"]))
                if claimed is not None:
                    submitted = datetime.fromisoformat(case["submittedAt"])
                    latencies.append((claimed - submitted).total_seconds())
                await asyncio.sleep(1.0)  # let the worker fall idle again before the next sample
    finally:
        await db.close()
    return latencies


async def throughput(cluster: Cluster, people: list[dict[str, Any]]) -> tuple[int, float]:
    """Items completed, and seconds from the first submission until every case settled."""
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=20)) as http:
        admin = GraphQL(http, cluster.graphql(0), cluster.token("admin", "bench"))
        started = time.monotonic()
        ids = [c["id"] for c in await asyncio.gather(*(submit(admin, p) for p in people))]
        settled = await settle(admin, ids, within=600)
        elapsed = time.monotonic() - started
    return sum(1 for c in settled for i in c["items"] if i["status"] == "COMPLETED"), elapsed


async def everyone(cluster: Cluster) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(timeout=30) as http:
        return approvable((await http.get(f"{cluster.mocks_url}/people")).json())


async def main(args: argparse.Namespace) -> None:
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        sys.exit("set TEST_DATABASE_URL to a PostgreSQL server, e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    with tempfile.TemporaryDirectory() as tmp:
        async with fresh_database(url) as database_url:
            with running_cluster(database_url, Path(tmp) / "a", gateways=1, workers=1, time_scale="0") as cluster:
                people = await everyone(cluster)
                cpu = idle_cpu(cluster, args.idle_seconds)
                print(f"idle CPU over {args.idle_seconds:.0f} s: serve {cpu['serve-0']:.2f} %, "
                      f"worker {cpu['worker-0']:.2f} % of a core")  # fmt: skip
                latencies = await wake_latencies(cluster, database_url, people[: args.samples])
                median, worst = statistics.median(latencies), max(latencies)
                print(f"wake latency, serve commit -> worker claim ({len(latencies)} samples): "
                      f"median {median * 1000:.1f} ms, worst {worst * 1000:.1f} ms (target: under 100 ms)")  # fmt: skip
        rates = {}
        for workers in (1, 2):
            async with fresh_database(url) as database_url:
                where = Path(tmp) / f"t{workers}"
                with running_cluster(database_url, where, gateways=1, workers=workers, time_scale="0") as cluster:
                    items, seconds = await throughput(cluster, people[: args.cases])
                    rates[workers] = items / seconds
                    print(f"throughput with {workers} worker(s): {items} items of {args.cases} cases in "
                          f"{seconds:.1f} s = {rates[workers]:.1f} items/s")  # fmt: skip
        print(f"2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m scripts.bench_dispatch", description=__doc__.split("\n\n")[0])
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    parser.add_argument("--samples", type=int, default=10)
    parser.add_argument("--cases", type=int, default=30)
    asyncio.run(main(parser.parse_args()))
