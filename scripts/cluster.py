"""`python -m scripts.cluster`: the production topology on one machine, for trying it and for tests.

PostgreSQL (the server named by DATABASE_URL), migrated once by `python -m gateway migrate`; N `serve`
processes with GATEWAY_DISPATCHER=false (stateless replicas a load balancer would spread clients
over); M `worker` processes (the dispatchers); the mock agencies as their own process. Every process
shares the same secrets through the environment, exactly as replicas behind a balancer must.

    DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test python -m scripts.cluster

Ctrl-C (or SIGTERM) stops everything it started.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from cryptography.fernet import Fernet

from adapters.registry import base_urls_under
from gateway.__main__ import mock_agency_tokens
from gateway.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
HEALTHY_WITHIN = 30.0


@dataclass
class Cluster:
    gateways: list[str]  # base URLs of the serve processes
    mocks_url: str
    env: dict[str, str]  # what every gateway process was started with
    workdir: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def graphql(self, index: int = 0) -> str:
        return f"{self.gateways[index]}/graphql"

    def token(self, role: str, subject: str, *extra: str) -> str:
        command = [sys.executable, "-m", "gateway", "token", "--role", role, "--subject", subject, *extra]
        return subprocess.check_output(command, env=self.env, cwd=ROOT, text=True).strip()

    def workers(self) -> list[str]:
        return sorted(name for name in self.processes if name.startswith("worker"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def shared_env(database_url: str, workdir: Path, mocks_url: str, extra: dict[str, str]) -> dict[str, str]:
    """One set of secrets for all replicas: a token one replica signs, another must accept."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_") and k != "DATABASE_URL"}
    urls = base_urls_under(mocks_url)
    return (
        base
        | {
            "DATABASE_URL": database_url,
            "GATEWAY_DATA_DIR": str(workdir / "shared"),
            "GATEWAY_SERVE_MOCKS": "false",
            "GATEWAY_AGENCY_BASE_URLS": json.dumps(urls),
            "GATEWAY_JWT_SECRET": secrets.token_urlsafe(48),
            "GATEWAY_ENCRYPTION_KEYS": json.dumps([Fernet.generate_key().decode()]),
            "GATEWAY_DIGEST_KEY": secrets.token_urlsafe(48),
        }
        | extra
    )


def spawn(name: str, command: list[str], env: dict[str, str], workdir: Path) -> subprocess.Popen[bytes]:
    log = workdir / f"{name}.log"
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )  # fmt: skip


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM, grace: float = 15.0) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def stop_all(cluster: Cluster) -> None:
    for process in reversed(cluster.processes.values()):
        stop(process)


def wait_healthy(url: str, name: str, process: subprocess.Popen[bytes], workdir: Path) -> None:
    deadline = time.monotonic() + HEALTHY_WITHIN
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{tail(workdir / f'{name}.log')}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{name} not healthy within {HEALTHY_WITHIN}s:\n{tail(workdir / f'{name}.log')}")


def tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"


def give_mock_tokens(cluster: Cluster) -> None:
    """The mocks call back as the agencies they imitate: each with a token the gateways accept."""
    secret = cluster.env["GATEWAY_JWT_SECRET"]
    tokens = mock_agency_tokens(Settings(jwt_secret=secret, data_dir=cluster.workdir / "shared"))
    httpx.post(f"{cluster.mocks_url}/admin/tokens", json=tokens, timeout=10).raise_for_status()


@contextmanager
def running_cluster(
    database_url: str,
    workdir: Path,
    *,
    gateways: int = 2,
    workers: int = 2,
    ports: list[int] | None = None,
    time_scale: str = "0.2",
    extra_env: dict[str, str] | None = None,
) -> Iterator[Cluster]:
    ports = ports or [free_port() for _ in range(gateways + 1)]
    mocks_port, gateway_ports = ports[0], ports[1 : gateways + 1]
    mocks_url = f"http://127.0.0.1:{mocks_port}"
    workdir.mkdir(parents=True, exist_ok=True)
    env = shared_env(database_url, workdir, mocks_url, extra_env or {})
    with (workdir / "migrate.log").open("ab") as log:  # the one migration, before any replica starts
        subprocess.run(
            [sys.executable, "-m", "gateway", "migrate"], cwd=ROOT, env=env, check=True, stdout=log, stderr=log
        )
    cluster = Cluster([f"http://127.0.0.1:{p}" for p in gateway_ports], mocks_url, env, workdir)
    with ExitStack() as stack:
        stack.callback(stop_all, cluster)
        callback = f"http://127.0.0.1:{gateway_ports[0]}/graphql"
        mocks = [sys.executable, "-m", "mocks", "--port", str(mocks_port), "--time-scale", time_scale]
        cluster.processes["mocks"] = spawn("mocks", [*mocks, "--gateway-url", callback], env, workdir)
        for n, port in enumerate(gateway_ports):
            serve_env = env | {"GATEWAY_PORT": str(port), "GATEWAY_DISPATCHER": "false"}
            cluster.processes[f"serve-{n}"] = spawn(
                f"serve-{n}", [sys.executable, "-m", "gateway", "serve"], serve_env, workdir
            )
        for n in range(workers):
            cluster.processes[f"worker-{n}"] = spawn(
                f"worker-{n}", [sys.executable, "-m", "gateway", "worker"], env, workdir
            )
        wait_healthy(mocks_url, "mocks", cluster.processes["mocks"], workdir)
        for n, url in enumerate(cluster.gateways):
            wait_healthy(url, f"serve-{n}", cluster.processes[f"serve-{n}"], workdir)
        give_mock_tokens(cluster)
        yield cluster


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--gateways", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("GATEWAY_PORT", "8000")),
                        help="the first gateway's port; the others follow; the mocks take the one before")  # fmt: skip
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "cluster")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgresql"):
        sys.exit("DATABASE_URL must name a PostgreSQL database, e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    ports = [args.port - 1, *range(args.port, args.port + args.gateways)]
    with running_cluster(
        database_url, args.workdir, gateways=args.gateways, workers=args.workers, ports=ports, time_scale="1"
    ) as cluster:
        print(f"gateways: {', '.join(f'{u}/graphql' for u in cluster.gateways)}")
        print(f"mocks:    {cluster.mocks_url}   workers: {args.workers}   logs: {args.workdir}/*.log")
        print(f"a token:  {cluster.token('admin', 'ops-admin')}")
        stopped = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopped.set())
        stopped.wait()


if __name__ == "__main__":
    main()
