"""`python -m gateway serve | worker | token | migrate | rotate-keys | rebuild-documents`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import socket
import sys
from collections.abc import Iterator
from typing import Any

import uvicorn
import uvloop
from pydantic import ValidationError
from uvicorn.protocols.http.auto import AutoHTTPProtocol

from adapters.kinds import Agency
from gateway.app import calendar_of, create_app, create_worker_app, keyring_of, running_services, time_limits_of
from gateway.dispatch.dispatcher import Dispatcher
from gateway.edge.slow_clients import with_read_deadline
from gateway.garbage import settle_heap
from gateway.observability import logs
from gateway.observability.startup import announce
from gateway.observability.tracing import configure_tracing
from gateway.security.rotation import rotate_keys
from gateway.security.tokens import REGION, REGIONAL, Role, issue_token
from gateway.services import Services
from gateway.settings import Settings
from gateway.settings_help import settings_help
from gateway.store import migrate
from gateway.store.document_rebuild import rebuild_documents

AGENCY_TOKEN_TTL = 365 * 24 * 3600


class _SleepsWhenIdle(uvicorn.Server):
    """uvicorn wakes ten times a second, to restamp its Date header and to look whether it should
    stop; an idle gateway should not wake at all. It waits for the stop instead (signals reach the
    loop through call_soon_threadsafe, which wakes it), and the Date header is stamped per response
    (gateway/edge/headers.py), so servers here run with `date_header=False`."""

    _loop: asyncio.AbstractEventLoop | None = None
    _stop: asyncio.Event | None = None
    _should_exit = False

    @property
    def should_exit(self) -> bool:
        return self._should_exit

    @should_exit.setter
    def should_exit(self, value: bool) -> None:
        self._should_exit = value
        if value and self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)

    async def main_loop(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        await self.on_tick(0)  # the default headers, once
        if not self.should_exit:
            await self._stop.wait()


class _Gateway(_SleepsWhenIdle):
    """Says where everything is once it listens (the actual port, when it was 0)."""

    def __init__(self, config: uvicorn.Config, settings: Settings) -> None:
        super().__init__(config)
        self.settings = settings

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            bound = [s.getsockname()[1] for server in self.servers for s in server.sockets or []]
            announce(self.settings, "serve", bound[0] if bound else self.settings.port)
            settle_heap()


class _Companion(_SleepsWhenIdle):
    """A second server in the same process: the first one owns the signals and stops us."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class _NoAccessLog(AutoHTTPProtocol):  # type: ignore[misc,valid-type]
    """The embedded mocks' HTTP: their access lines would double every agency call in the log.

    uvicorn's access logger is one global logger; turning it down for the mocks (their old
    log_level="warning") silenced the gateway's access log and its "running on" line too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.access_log = False


def mock_agency_tokens(settings: Settings) -> dict[str, str]:
    return {
        a.value: issue_token(settings, Role.AGENCY, f"{a.value.lower()}-system", agency=a, ttl_seconds=AGENCY_TOKEN_TTL)
        for a in Agency
    }


def proxy_trust(settings: Settings) -> dict[str, Any]:
    """uvicorn trusts X-Forwarded-For from loopback unless told otherwise; we trust only the proxies
    an operator lists. The rate limiter counts by the scope's client, which uvicorn sets from this."""
    trusted = settings.trusted_proxies
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None}


async def serve(settings: Settings) -> None:
    app = create_app(settings)  # migrates once it holds the database (a second SQLite writer is refused first)
    # log_config and log_level None: uvicorn leaves logging as `logs.configure` set it, for both servers.
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        log_level=None,
        access_log=settings.access_log,
        date_header=False,
        **proxy_trust(settings),
        # Slow or silent clients cannot hold connections open (gateway/edge/slow_clients.py).
        http=with_read_deadline(settings.http_request_read_seconds, settings.http_max_header_bytes),
        timeout_keep_alive=settings.http_keep_alive_seconds,
    )
    main = _Gateway(config, settings)
    companion = None
    if settings.serve_mocks:
        from mocks.app import create_app as create_mocks
        from mocks.config import MockConfig

        tokens, mocks_url = mock_agency_tokens(settings), settings.mocks_url
        mock_config = MockConfig(settings.callback_url, mocks_url, tokens, time_scale=settings.mocks_time_scale)
        companion = _Companion(
            uvicorn.Config(
                create_mocks(mock_config),
                host=settings.mocks_host,
                port=settings.mocks_port,
                log_config=None,
                log_level=None,
                http=_NoAccessLog,
                date_header=False,
            )
        )
    companion_task = asyncio.create_task(companion.serve()) if companion else None
    try:
        await main.serve()
    finally:
        if companion is not None and companion_task is not None:
            companion.should_exit = True
            await companion_task


async def work(settings: Settings) -> None:
    async with running_services(settings) as (services, dispatcher):
        announce(settings, "worker", settings.port)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        dispatcher.start()
        settle_heap()
        probes = probe_server(settings, services, dispatcher)
        probing = asyncio.create_task(probes.serve()) if probes else None
        await stop.wait()
        if probes is not None and probing is not None:
            probes.should_exit = True
            await probing
        await dispatcher.stop()


def probe_server(settings: Settings, services: Services, dispatcher: Dispatcher) -> uvicorn.Server | None:
    """/healthz, /readyz and /metrics of a worker, on GATEWAY_METRICS_PORT when set (none otherwise)."""
    if settings.metrics_port is None:
        return None
    app = create_worker_app(services, dispatcher)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.metrics_port,
        log_config=None,
        log_level=None,
        access_log=False,
        date_header=False,  # it would be stamped once and go stale: _SleepsWhenIdle does not tick
    )
    return _Companion(config)  # the worker owns the signals


async def rotate(settings: Settings) -> int:
    async with running_services(settings) as (services, _):
        return await rotate_keys(services.db)


async def rebuild(settings: Settings) -> int:
    async with running_services(settings) as (services, _):
        return await rebuild_documents(services.db)


def token(settings: Settings, args: argparse.Namespace) -> str:
    agency = Agency(args.agency) if args.agency else None
    return issue_token(settings, Role(args.role), args.subject, region=args.region, agency=agency, ttl_seconds=args.ttl)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m gateway", description="个人身后“一件事” GraphQL gateway")
    commands = p.add_subparsers(dest="command", required=True)
    listed, raw = settings_help(), argparse.RawDescriptionHelpFormatter
    serve_help = "gateway (and, in the embedded default, the mock agencies)"
    commands.add_parser("serve", help=serve_help, epilog=listed, formatter_class=raw)
    commands.add_parser("worker", help="a standalone dispatcher", epilog=listed, formatter_class=raw)
    commands.add_parser("migrate", help="apply database migrations")
    commands.add_parser("rotate-keys", help="re-encrypt personal data under the first GATEWAY_ENCRYPTION_KEYS key")
    commands.add_parser("rebuild-documents", help="write every case's document (what a status read reads) anew")
    t = commands.add_parser("token", help="print a bearer token for the running gateway")
    t.add_argument("--role", required=True, choices=[r.value for r in Role])
    t.add_argument("--subject", required=True, help="an applicant's identity number, a clerk's or agency's id")
    t.add_argument(
        "--region", help="a clerk's, committee's or supervisor's division code prefix, e.g. 6401 (64: the province)"
    )
    t.add_argument("--agency", choices=[a.value for a in Agency], help="for the agency role")
    t.add_argument("--ttl", type=int, default=None, help="seconds until it expires")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:  # a wrong setting is the operator's mistake: say which, no traceback
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors())
        print(f"invalid settings: {problems}", file=sys.stderr)
        return 2
    if args.command in ("serve", "worker"):
        try:  # the operator's files, checked before anything starts: one line naming the file and key
            calendar_of(settings)
            time_limits_of(settings)
        except (OSError, ValueError) as exc:
            print(f"invalid operator file: {exc}", file=sys.stderr)
            return 2
    logs.configure(settings.log_level, settings.log_format)  # the worker logs too, and never builds the app
    if args.command in ("serve", "worker"):
        configure_tracing()  # both ends of a job's trace: the operation that schedules it, the worker that runs it
    if args.command == "token":
        if args.role == "agency" and not args.agency:
            print("--agency is required for the agency role", file=sys.stderr)
            return 2
        if args.role in REGIONAL and not (args.region and REGION.fullmatch(args.region)):
            print(
                f"--region (a division code prefix of 2, 4 or 6 digits) is required for the {args.role} role",
                file=sys.stderr,
            )
            return 2
        print(token(settings, args))
    elif args.command == "migrate":
        migrate.upgrade_sync(settings.effective_database_url, keyring_of(settings))
    elif args.command == "rotate-keys":
        print(f"re-encrypted {asyncio.run(rotate(settings))} rows (every table's sealed values)")
    elif args.command == "rebuild-documents":
        print(f"wrote {asyncio.run(rebuild(settings))} case documents")
    elif args.command == "worker":
        uvloop.run(work(settings))
    else:
        uvloop.run(serve(settings))  # the loop in C: a cached answer costs a fifth less
    return 0


if __name__ == "__main__":
    sys.exit(main())
