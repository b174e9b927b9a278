"""An idle gateway sleeps: with nothing to do, `serve` (mocks off, as deployed) uses no CPU to speak
of — no dispatcher poll, no uvicorn tick, no health probes of endpoints nobody registered."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import httpx

from tests.support.processes import running_gateway
from tests.support.waiting import wait_for

WATCH_SECONDS = 3.0
CEILING = 0.01  # of one core: the target; the old dispatcher poll used the whole core


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def test_an_idle_gateway_with_the_mocks_off_uses_no_cpu(tmp_path: Path) -> None:
    with running_gateway(tmp_path / "gateway", GATEWAY_SERVE_MOCKS="false") as gateway:
        async with httpx.AsyncClient() as http:  # one request, so every lazy start-up path has run
            assert (await http.post(gateway.graphql, json={"query": "{ itemCatalogue { kind } }"})).status_code == 200
        pid = gateway.process.pid
        # settled: start-up work done (two readings a second apart agree)
        await wait_for(lambda: _settled(pid), bool, 30, interval=0)
        before = cpu_seconds(pid)
        await asyncio.sleep(WATCH_SECONDS)  # watching for the absence of work: there is no condition to wait on
        used = cpu_seconds(pid) - before
    assert used <= CEILING * WATCH_SECONDS, f"{used:.2f} s of CPU in {WATCH_SECONDS} s idle"


async def test_a_stopped_gateway_shuts_down_gracefully(tmp_path: Path) -> None:
    """Sleeping instead of uvicorn's tick must not deafen it: SIGTERM still stops it cleanly."""
    with running_gateway(tmp_path / "gateway", GATEWAY_SERVE_MOCKS="false") as gateway:
        pass
    log = (gateway.data_dir / "gateway.log").read_text()
    assert "Application shutdown complete" in log, log[-2000:]


async def _settled(pid: int) -> bool:
    before = cpu_seconds(pid)
    await asyncio.sleep(1.0)
    return cpu_seconds(pid) == before
