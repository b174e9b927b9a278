"""Starting the real gateway (with its mocks) as a process on free loopback ports, and stopping it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Running:
    url: str
    mocks_url: str
    data_dir: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes]

    @property
    def graphql(self) -> str:
        return f"{self.url}/graphql"

    def token(self, role: str, subject: str, *extra: str) -> str:
        command = [sys.executable, "-m", "gateway", "token", "--role", role, "--subject", subject, *extra]
        return subprocess.check_output(command, env=self.env, cwd=ROOT, text=True).strip()


def gateway_env(data_dir: Path, port: int, mocks_port: int, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_") and k != "DATABASE_URL"}
    env |= {
        "GATEWAY_DATA_DIR": str(data_dir),
        "GATEWAY_PORT": str(port),
        "GATEWAY_MOCKS_PORT": str(mocks_port),
        "GATEWAY_MOCKS_TIME_SCALE": "0.2",
        "GATEWAY_CALLBACK_POLL_SECONDS": "2",
        "GATEWAY_DISPATCH_BACKOFF_SECONDS": "0.5",
        "GATEWAY_BREAKER_RESET_SECONDS": "2",
    }
    return env | overrides


def start(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "gateway", "serve"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gateway exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"gateway not healthy within {timeout}s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def running_gateway(data_dir: Path, **overrides: str) -> Iterator[Running]:
    port, mocks_port = free_port(), free_port()
    env = gateway_env(data_dir, port, mocks_port, **overrides)
    log = data_dir / "gateway.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    process = start(env, log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield Running(url, f"http://127.0.0.1:{mocks_port}", data_dir, env, process)
    finally:
        stop(process)


@contextmanager
def running_mocks(log: Path, gateway_graphql: str | None = None, time_scale: str = "0.2") -> Iterator[str]:
    """A separate mocks process (somebody else's system), on a free port; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "mocks", "--port", str(port), "--time-scale", time_scale]
    if gateway_graphql:
        command += ["--gateway-url", gateway_graphql]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mocks did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield url
    finally:
        stop(process)
