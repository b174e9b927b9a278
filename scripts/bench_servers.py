"""The servers scripts/bench_status.py loads, each its own process group on a free loopback port, always
stopped on the way out (an exception, Ctrl-C or SIGTERM included); and the database they share."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.support.postgres import fresh_database
from tests.support.processes import ROOT, free_port, gateway_env, stop

YOGA = ROOT / "scripts" / "bench_yoga"
SCHEMA = ROOT / "schema" / "schema.graphql"


@contextmanager
def server(command: list[str], env: dict[str, str] | None, url: str, log: Path, cwd: Path = ROOT) -> Iterator[None]:
    """Runs `command` until the block ends, once it answers HTTP at `url`."""
    with log.open("ab") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_answering(url, process, log)
        yield
    finally:
        stop(process)


def wait_answering(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 30.0) -> None:
    """Any HTTP answer will do (a GraphQL server answers 400 to an empty POST): the server is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.post(f"{url}/graphql", content=b"{}", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    why = (
        f"exited with {process.returncode}" if process.poll() is not None else f"did not answer within {timeout:.0f} s"
    )
    raise SystemExit(f"{process.args!r} {why}:\n{log.read_text(errors='replace')[-2000:]}")


def gateway(data_dir: Path, port: int, database: dict[str, str], cache: bool) -> tuple[list[str], dict[str, str]]:
    """The gateway as production starts it, alone: no mocks, no dispatcher (it would poll the database
    beside the reads), no access log (one log line per request would measure the log, not the read)."""
    env = gateway_env(data_dir, port, free_port(), GATEWAY_SERVE_MOCKS="false", GATEWAY_DISPATCHER="false",
                      GATEWAY_ACCESS_LOG="false", GATEWAY_RESPONSE_CACHE=str(cache).lower(), **database)  # fmt: skip
    return [sys.executable, "-m", "gateway", "serve"], env


def ceiling(port: int, *protocol: str) -> list[str]:
    """A bare Starlette app answering the gateway's bytes (CEILING_BODY_FILE); uvicorn's defaults
    (httptools, uvloop) unless `protocol` says otherwise, e.g. "--http", "h11" as the gateway serves."""
    app = "scripts.bench_ceiling:create_app"
    logs = ["--no-access-log", "--log-level", "warning"]
    return [sys.executable, "-m", "uvicorn", "--factory", app, "--port", str(port), *logs, *protocol]


def yoga_installed() -> str | None:
    """None once scripts/bench_yoga can run (installed by `npm ci` from its lock file on first use);
    otherwise why it cannot."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node and npm are not installed (the graphql-yoga baseline runs on Node)"
    lock, stamp = YOGA / "package-lock.json", YOGA / "node_modules" / ".package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        print("installing the graphql-yoga baseline (npm ci in scripts/bench_yoga) …", file=sys.stderr)
        command = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
        done = subprocess.run(command, cwd=YOGA, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            return f"npm ci failed in scripts/bench_yoga (no registry?): {done.stderr.strip()[-500:]}"
    return None


def yoga(port: int, answer: Path) -> list[str]:
    return ["node", str(YOGA / "server.mjs"), str(port), str(SCHEMA), str(answer)]


@contextmanager
def database(kind: str, url: str | None) -> Iterator[dict[str, str]]:
    """The gateway's database settings: SQLite in its data directory, or a fresh PostgreSQL database
    beside `url` (so runs never meet each other's cases), dropped afterwards."""
    if kind == "sqlite":
        yield {}
        return
    if not url:
        raise SystemExit("--database postgres needs --database-url or TEST_DATABASE_URL")
    loop = asyncio.new_event_loop()
    fresh = fresh_database(url)
    try:
        yield {"DATABASE_URL": loop.run_until_complete(fresh.__aenter__())}
    finally:
        loop.run_until_complete(fresh.__aexit__(None, None, None))
        loop.close()
