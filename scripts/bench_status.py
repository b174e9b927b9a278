"""Benchmark: the status query for one complete case, against a bare Starlette ceiling.

    python -m scripts.bench_status [--seconds 10] [--connections 32]

1. Runs a real hospital-death case to completion (gateway + mocks, fast mocks).
2. Restarts the gateway alone (no mocks, no dispatcher, no access log) on that database.
3. Loads, with wrk (Debian package `wrk`) from a second process, 32 connections each:
   the gateway with its response cache, the gateway without it, and a bare Starlette endpoint
   answering the same bytes (the ceiling). Prints requests/s, p50/p99 and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from tests.support.client import CASE, SUBMIT, application_for
from tests.support.processes import ROOT, free_port, gateway_env, running_gateway, stop, wait_healthy

LUA = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
wrk.body = [[{body}]]
"""


def complete_one_case(data_dir: Path) -> tuple[str, str, str]:
    """Returns (case id, applicant token, request body) for a completed hospital-death case."""
    with running_gateway(data_dir, GATEWAY_MOCKS_TIME_SCALE="0.05") as gw:
        people = httpx.get(f"{gw.mocks_url}/people").json()
        person = people[0]
        token = gw.token("applicant", person["applicant"]["idNumber"])
        headers = {"Authorization": f"Bearer {token}"}
        submitted = httpx.post(
            gw.graphql, json={"query": SUBMIT, "variables": {"input": application_for(person)}}, headers=headers
        ).json()
        case_id = submitted["data"]["submitApplication"]["case"]["id"]
        body = json.dumps({"query": CASE, "variables": {"id": case_id}}, ensure_ascii=False)
        deadline = time.monotonic() + 60
        while (
            httpx.post(
                gw.graphql, content=body.encode(), headers=headers | {"Content-Type": "application/json"}
            ).json()["data"]["case"]["status"]
            != "COMPLETED"
        ):
            if time.monotonic() > deadline:
                raise SystemExit("the case did not complete within 60 s")
            time.sleep(0.2)
        return case_id, token, body


@contextmanager
def server(command: list[str], env: dict[str, str], url: str, log: Path) -> Iterator[None]:
    with log.open("ab") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_healthy(url, process, log) if "gateway" in command else _wait_port(url)
        yield
    finally:
        stop(process)


def _wait_port(url: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.post(f"{url}/graphql", content=b"{}")
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not start")


def wrk(url: str, script: Path, seconds: int, connections: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), f"{url}/graphql"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": _ms(latency["50"]),
        "p99_ms": _ms(latency["99"]),
        "non2xx": float(errors.group(1)) if errors else 0.0,
    }


def _ms(value: str) -> float:
    number, unit = float(re.match(r"[\d.]+", value).group(0)), re.sub(r"[\d.]+", "", value)  # type: ignore[union-attr]
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is needed as the load generator: apt-get install wrk", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="bench-status-"))
    _case_id, token, body = complete_one_case(work / "data")
    script = work / "post.lua"
    script.write_text(LUA.format(token=token, body=body))
    results: dict[str, dict[str, float]] = {}
    for name, cache in (("gateway (response cache)", "true"), ("gateway (no response cache)", "false")):
        port = free_port()
        env = gateway_env(work / "data", port, free_port(), GATEWAY_SERVE_MOCKS="false", GATEWAY_DISPATCHER="false",
                          GATEWAY_ACCESS_LOG="false", GATEWAY_RESPONSE_CACHE=cache)  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        with server([sys.executable, "-m", "gateway", "serve"], env, url, work / "gateway.log"):
            answer = httpx.post(
                f"{url}/graphql",
                content=body.encode(),
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
            (work / "answer.json").write_bytes(answer.content)
            results[name] = wrk(url, script, args.seconds, args.connections)
    port = free_port()
    env = dict(os.environ, CEILING_BODY_FILE=str(work / "answer.json"))
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "scripts.bench_ceiling:create_app",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    with server(command, env, f"http://127.0.0.1:{port}", work / "ceiling.log"):
        results["bare Starlette, same bytes (ceiling)"] = wrk(
            f"http://127.0.0.1:{port}", script, args.seconds, args.connections
        )
    report(results, len((work / "answer.json").read_bytes()), args.connections)
    return 0


def report(results: dict[str, dict[str, Any]], size: int, connections: int) -> None:
    ceiling = results["bare Starlette, same bytes (ceiling)"]["rps"]
    print(f"status query for one complete case: {size} bytes, {connections} connections, wrk -t1\n")
    print(f"{'':40} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'of ceiling':>10}")
    for name, r in results.items():
        print(
            f"{name:40} {r['rps']:9.0f} {r['p50_ms']:8.2f} {r['p99_ms']:8.2f} {r['non2xx']:8.0f} {r['rps'] / ceiling:10.2f}"
        )


if __name__ == "__main__":
    sys.exit(main())
