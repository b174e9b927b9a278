"""Benchmark (issue #13): the README's `Follow` query for one complete case, warm and cold, against
graphql-yoga and a bare Starlette ceiling measured in the same run.

    python -m scripts.bench_status [--database sqlite|postgres] [--database-url URL]
                                   [--seconds 10] [--warmup 2] [--connections 32] [--rounds 3]

1. Runs a real hospital-death case to completion (gateway + mocks, fast mocks) on SQLite or on a
   fresh PostgreSQL database beside --database-url (default: TEST_DATABASE_URL), dropped afterwards.
2. Restarts the gateway alone (`python -m gateway serve`; no mocks, no dispatcher, no access log)
   on that database: warm (its response cache on) and cold (cache off: every request is parsed,
   validated, read from the database and serialised).
3. Serves the gateway's own answer from graphql-yoga on Node (scripts/bench_yoga: the same schema,
   the same query and variables, default resolvers over that answer), checking that yoga answers
   the same `data`; and from a bare Starlette endpoint answering the same bytes (the ceiling) on
   uvicorn's defaults (httptools and uvloop, as the gateway serves), on h11 and on h11 with the asyncio loop.
4. Loads each with wrk (Debian package `wrk`) from a second process, one server process at a time,
   after --warmup seconds of the same load unmeasured; prints requests/s, p50/p99, errors, and the ratios issue #13 sets: cold ÷ yoga ≥ 0.5 and
   warm ÷ ceiling ≥ 0.4.
5. With --rounds N, steps 2-4 N times in turns: the table shows each row's median round, every
   round's ratios are printed, and a target is judged by the median of them (a shared host's speed
   drifts by tens of percent in minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import httpx

from scripts import bench_servers as servers
from scripts.bench_report import (
    CEILING,
    CEILING_GATEWAY_STACK,
    CEILING_H11,
    COLD,
    WARM,
    YOGA,
    Figures,
    first_difference,
    parse_wrk,
    ratios,
    round_ratios,
    table,
    typical,
)
from tests.support.client import RESUBMIT, SUBMIT, application_for
from tests.support.files import pdf
from tests.support.processes import free_port, running_gateway
from tests.support.uploads import ATTACH, PREFLIGHT

# The README's `Follow` query, as a family's app asks for a case's status.
FOLLOW = """query Follow($id: ID!) {
  case(id: $id) {
    reference status version
    progress { total completed inProgress rejected failed notApplicable }
    items { kind title agency status deadline overdue lastError rejectionReason
            result { summary amount deduction effectiveDate } }
    certificates { kind number issuer issuedAt verificationCode }
    timeline { at actor type message }
  }
}"""
MISSING = "query($id: ID!) { case(id: $id) { missingMaterials } }"
LUA = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
wrk.body = [[{body}]]
"""


def complete_one_case(data_dir: Path, database: dict[str, str]) -> tuple[str, str]:
    """Returns (applicant token, request body) for a completed hospital-death case."""
    with running_gateway(data_dir, GATEWAY_MOCKS_TIME_SCALE="0.05", **database) as gw:
        person = httpx.get(f"{gw.mocks_url}/people").json()[0]
        token = gw.token("applicant", person["applicant"]["idNumber"])
        headers = {"Authorization": f"Bearer {token}"}
        variables = {"input": application_for(person)}
        submitted = httpx.post(gw.graphql, json={"query": SUBMIT, "variables": variables}, headers=headers).json()
        case_id = submitted["data"]["submitApplication"]["case"]["id"]
        body = json.dumps({"query": FOLLOW, "variables": {"id": case_id}}, ensure_ascii=False)
        deadline, put_right = time.monotonic() + 60, False
        while (status := post(gw.url, body, token).json()["data"]["case"]["status"]) != "COMPLETED":
            if status == "PARTIALLY_COMPLETED" and not put_right:
                put_right = provide_papers(gw.graphql, headers, case_id)
            if time.monotonic() > deadline:
                raise SystemExit("the case did not complete within 60 s")
            time.sleep(0.2)
        return token, body


def provide_papers(graphql: str, headers: dict[str, str], case_id: str) -> bool:
    """As a family does when civil affairs refuses the grave-use certificate without the cemetery
    contract: each missing paper uploaded, then the refused items resubmitted."""
    asked = {"query": MISSING, "variables": {"id": case_id}}
    for kind in httpx.post(graphql, json=asked, headers=headers).json()["data"]["case"]["missingMaterials"]:
        operations = {"query": ATTACH, "variables": {"id": case_id, "kind": kind, "file": None}}
        form = {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})}
        scan = {"0": (f"{kind.lower()}.pdf", pdf(kind), "application/pdf")}
        httpx.post(graphql, data=form, files=scan, headers=headers | PREFLIGHT).raise_for_status()
    again = {"query": RESUBMIT, "variables": {"id": case_id}}
    errors: list[Any] = httpx.post(graphql, json=again, headers=headers).json()["data"]["resubmitApplication"]["errors"]
    return not errors


def post(url: str, body: str, token: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    return httpx.post(f"{url}/graphql", content=body.encode(), headers=headers, timeout=30)


def measure(
    args: argparse.Namespace, work: Path, database: dict[str, str]
) -> tuple[list[dict[str, Figures]], list[str]]:
    """Every row of the table, once a round, and the notes the reader needs beside them (what was
    skipped, what differed)."""
    token, body = complete_one_case(work / "data", database)
    (work / "post.lua").write_text(LUA.format(token=token, body=body))
    load = Load(work, body, token, args.seconds, args.warmup, args.connections)
    rounds: list[dict[str, Figures]] = []
    notes: list[str] = []
    for _ in range(args.rounds):
        results, found = gateway_rows(load, database)
        if why_not := servers.yoga_installed():
            found.append(f"graphql-yoga not measured: {why_not}")
        else:
            results[YOGA], differs = yoga_row(load)
            found += [f"WARNING: graphql-yoga's data differs from the gateway's, at {differs}"] if differs else []
        rounds.append(results | ceiling_rows(load))
        notes += [n for n in found if n not in notes]
    return rounds, notes


@dataclass(frozen=True)
class Load:
    work: Path
    body: str
    token: str
    seconds: int
    warmup: int
    connections: int

    @property
    def answer(self) -> Path:
        """The cold gateway's answer, as yoga's data and the ceiling's bytes."""
        return self.work / "answer.json"

    def wrk(self, url: str) -> Figures:
        """Loads `url` for `warmup` seconds unmeasured (Node's JIT, Python's first-time costs), then measures."""
        if self.warmup:
            self._run(url, self.warmup)
        return parse_wrk(self._run(url, self.seconds))

    def _run(self, url: str, seconds: int) -> str:
        # --timeout well above wrk's 2 s: a slow answer is counted in p99, not dropped as a socket error.
        script = str(self.work / "post.lua")
        load = ["-t1", f"-c{self.connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", "-s", script]
        return subprocess.run(["wrk", *load, f"{url}/graphql"], capture_output=True, text=True, check=True).stdout


def gateway_rows(load: Load, database: dict[str, str]) -> tuple[dict[str, Figures], list[str]]:
    results, answers = {}, {}
    for name, cache in ((WARM, True), (COLD, False)):
        port = free_port()
        command, env = servers.gateway(load.work / "data", port, database, cache)
        url = f"http://127.0.0.1:{port}"
        with servers.server(command, env, url, load.work / "gateway.log"):
            answers[name] = post(url, load.body, load.token).content
            results[name] = load.wrk(url)
    load.answer.write_bytes(answers[COLD])
    differs = first_difference(json.loads(answers[COLD])["data"], json.loads(answers[WARM])["data"])
    return results, [f"WARNING: the warm and the cold gateway answer differently, at {differs}"] if differs else []


def yoga_row(load: Load) -> tuple[Figures, str | None]:
    """yoga's figures, and where its data first differs from the gateway's (None: nowhere)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, NODE_ENV="production")  # as yoga is deployed: graphql-js skips its development checks
    with servers.server(servers.yoga(port, load.answer), env, url, load.work / "yoga.log", cwd=servers.YOGA):
        data = post(url, load.body, load.token).json().get("data")
        return load.wrk(url), first_difference(json.loads(load.answer.read_bytes())["data"], data)


def ceiling_rows(load: Load) -> dict[str, Figures]:
    results = {}
    env = dict(os.environ, CEILING_BODY_FILE=str(load.answer))
    for name, protocol in ((CEILING, ()), (CEILING_H11, ("--http", "h11")),
                           (CEILING_GATEWAY_STACK, ("--http", "h11", "--loop", "asyncio"))):  # fmt: skip
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        with servers.server(servers.ceiling(port, *protocol), env, url, load.work / "ceiling.log"):
            results[name] = load.wrk(url)
    return results


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds the `with` blocks: every server stops, the database is dropped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"),
                        help="a PostgreSQL server's URL (postgresql+asyncpg://…); a fresh database is made beside it")  # fmt: skip
    parser.add_argument("--seconds", type=int, default=10, help="measured seconds per row")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured seconds of load before each row")
    parser.add_argument("--connections", type=int, default=32)
    # Three by default: one round on a drifting host lands on either side of a target a tenth away.
    parser.add_argument("--rounds", type=int, default=3,
                        help="every row measured this many times, in turns; the table shows each row's median")  # fmt: skip
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if shutil.which("wrk") is None:
        print("wrk is needed as the load generator: apt-get install wrk", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _terminate)
    with tempfile.TemporaryDirectory(prefix="bench-status-") as folder, servers.database(
        args.database, args.database_url
    ) as database:  # fmt: skip
        rounds, notes = measure(args, Path(folder), database)
        results = typical(rounds)
        answer = (Path(folder) / "answer.json").read_bytes()
    case = json.loads(answer)["data"]["case"]
    shape = f"{len(case['items'])} items, {len(case['certificates'])} certificates, {len(case['timeline'])} events"
    print(f"\n`Follow` on one complete case ({shape}): {len(answer)} bytes, {args.database},")
    load = f"{args.connections} connections, wrk -t1: {args.seconds} s per row after {args.warmup} s unmeasured"
    load += f", {args.rounds} rounds" if args.rounds > 1 else ""
    print(f"one server process each, {load}\n")
    spread = ["", *round_ratios(rounds)] if len(rounds) > 1 else []
    judged = ratios(results, {YOGA: "graphql-yoga was not run (see below)"}, rounds)
    print("\n".join([*table(results), *spread, "", *judged, *notes]))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # the `with` blocks have stopped every server and dropped the database
        print("interrupted", file=sys.stderr)
        sys.exit(130)
