"""Settings, read from the environment (prefix GATEWAY_) or passed in by tests."""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from cryptography.fernet import Fernet
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from gateway.production_checks import production_problems

DEV_SECRET_FILE = "jwt-secret"
DEV_ENCRYPTION_KEY_FILE = "encryption-key"
DEV_DIGEST_KEY_FILE = "digest-key"


class InsecureSettings(ValueError):
    """Production refuses to start on development defaults."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    environment: Literal["development", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    graphql_path: str = "/graphql"
    data_dir: Path = Path("var")
    database_url: str = Field(default="", validation_alias="DATABASE_URL")
    # PostgreSQL connections a process keeps open. Processes × (pool + overflow) must stay below the
    # server's max_connections.
    database_pool_size: int = Field(default=16, ge=1, le=500)
    database_max_overflow: int = Field(default=8, ge=0, le=500)  # more under load, closed once returned
    public_url: str = ""  # how agencies reach us for call-backs; derived from host/port if empty

    # The embedded default serves the mock agencies alongside the gateway.
    serve_mocks: bool = True
    mocks_host: str = "127.0.0.1"
    mocks_port: int = 8001
    mocks_time_scale: float = 1.0
    agency_base_urls: dict[str, str] = {}  # Agency -> base URL; default: the mocks

    jwt_secret: str = ""
    jwt_issuer: str = "ningxia-houshi-gateway"
    jwt_audience: str = "houshi-gateway"
    token_ttl_seconds: int = 8 * 3600
    jwt_leeway_seconds: int = 30  # clocks of the identity provider, agencies and us drift a little
    # An external identity provider: its JWKS (https) and the asymmetric algorithms we accept from it.
    jwks_url: str = ""
    jwks_algorithms: list[str] = ["RS256", "ES256"]
    jwks_cache_seconds: int = 300
    local_tokens: bool = True  # also accept HS256 tokens we issue (`python -m gateway token`, agencies)

    # Encryption at rest (gateway/security/crypto.py): Fernet keys, newest first; a separate HMAC key for look-ups.
    encryption_keys: list[str] = []
    digest_key: str = ""

    introspection: bool | None = None  # None: on in development, off in production
    cors_origins: list[str] = []  # browser origins allowed to call /graphql; empty: no CORS at all
    # Token buckets per caller and per client address for mutations and expensive queries.
    rate_limits: bool = True
    rate_per_subject_per_minute: float = 600.0
    rate_burst_per_subject: int = 120
    rate_per_address_per_minute: float = 3000.0
    rate_burst_per_address: int = 600
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto name the client (addresses or networks, as
    # uvicorn's forwarded_allow_ips takes them). None listed: the peer is the client, whatever a
    # header claims, so a made-up X-Forwarded-For cannot buy a fresh rate-limit bucket.
    trusted_proxies: list[str] = []

    # 四(二) "工作人员预审后…推送": in production every application waits for a clerk unless the
    # operator turns this on; None: on in development (the embedded demo), off in production.
    auto_approve: bool | None = None
    access_log: bool = True  # uvicorn's line per request
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"  # json: one object per line, for a log collector
    health_check_seconds: float = 30.0  # how often registered agency endpoints are probed
    response_cache: bool = True  # repeated status queries answered from memory while versions hold
    lean_reads: bool = True  # reads executed without graphql-core's per-field machinery, answering the same
    # Supervision statistics: a group (an agency's or a county's) of fewer cases in the range is
    # shown without figures, so that no single family can be recognised in them.
    statistics_min_cases: int = Field(default=5, ge=1)
    one_case_per_deceased: bool = True  # a second open case for one person would pay twice
    graphiql: bool | None = None  # None: on in development, off in production
    portal: bool = True  # the reference portal for families and window clerks at /portal (gateway/portal/)
    # The portal's development sign-in mints short-lived applicant and clerk tokens for whoever asks:
    # None: on in development (the embedded demo), off in production, where setting it stops the start.
    portal_dev_sign_in: bool | None = None
    max_body_bytes: int = 256 * 1024  # larger request bodies are refused with 413 before parsing
    # Uploads (attachMaterial, multipart): each file, the whole multipart body, and files per request.
    # A scan of a certificate fits in a few MiB; the body limit leaves room for the operations part.
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, ge=1)
    max_upload_total_bytes: int = Field(default=11 * 1024 * 1024, ge=1)
    max_upload_files: int = Field(default=2, ge=1)
    # Persisted operations (gateway/edge/persisted.py): the app build's manifest, and whether only
    # its operations may run (production apps); hashes learnt at run time, kept per process.
    trusted_documents_file: Path | None = None
    trusted_documents_only: bool = False
    persisted_queries_kept: int = 1000
    # Slow or silent clients (gateway/edge/slow_clients.py): how long an idle connection between
    # requests stays open, how long one request may take to arrive whole, how large its headers.
    http_keep_alive_seconds: int = 5
    http_request_read_seconds: float = 20.0
    http_max_header_bytes: int = 16 * 1024
    max_subscriptions_per_connection: int = 10  # one WebSocket's open subscriptions; more are refused
    max_query_cost: int = 100_000  # estimated fields resolved (schema/cost.py); costlier queries are refused
    max_string_length: int = 10_000  # characters in one string argument or variable
    dispatcher: bool = True  # run the dispatcher in this process
    # On PostgreSQL, in case a NOTIFY was lost: jobs are otherwise found by notice and by due time.
    dispatch_safety_poll_seconds: float = 60.0
    dispatch_batch: int = 16
    dispatch_concurrency: int = 16
    # A running job's lease is renewed every third of this: a dead worker's jobs come free within it.
    dispatch_lease_seconds: float = 15.0
    dispatch_backoff_seconds: float = 2.0  # first reschedule after an outage; doubles up to the cap
    dispatch_backoff_cap_seconds: float = 3600.0
    # Records look-ups retry sooner: after `prepare_attempts` of them a clerk takes the case anyway.
    prepare_backoff_cap_seconds: float = 600.0
    # Items held back by an agency's open circuit go out spread past its cool-down by at most this.
    circuit_spread_cap_seconds: float = 60.0
    callback_poll_seconds: float = 60.0  # safety-net poll of agencies that promise a call-back
    prepare_attempts: int = 5  # records look-ups before a case goes to a clerk instead

    adapter_attempts: int = 3
    adapter_max_seconds: float = 10.0
    adapter_initial_wait: float = 0.2
    adapter_max_wait: float = 2.0
    breaker_failures: int = 5
    breaker_reset_seconds: float = 30.0
    holiday_schedule_file: Path | None = None
    # JSON {"FUNERAL_GRANT": 10, ...}: working days for the items whose limit the plan leaves to the
    # agencies (gateway/domain/time_limits.py); the plan's own limits cannot be set here.
    time_limits_file: Path | None = None
    # Where agencies may point us: "host" or "host:port" entries (production: host:port only, no
    # loopback); anything else is refused (no SSRF, no port scans through the health check).
    endpoint_allow_list: list[str] = ["127.0.0.1", "localhost", "[::1]"]
    # Production runs `python -m gateway migrate` once before the replicas start: false here, so
    # replicas never race each other (or a rolling upgrade) to change the schema.
    migrate_on_start: bool = True
    # /metrics answers loopback clients; these addresses or networks (CIDR) too, and any client
    # that shows this bearer token. Everyone else gets 403.
    metrics_allow: list[str] = []
    metrics_token: str = ""
    metrics_port: int | None = None  # the standalone worker serves /metrics and /readyz here; None: not at all

    @field_validator("metrics_allow")
    @classmethod
    def _networks(cls, entries: list[str]) -> list[str]:
        for entry in entries:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"{entry!r} is not an address or a network (CIDR)") from None
        return entries

    @model_validator(mode="after")
    def _an_upload_fits_in_its_request(self) -> Settings:
        if self.max_upload_total_bytes < self.max_upload_bytes:
            raise ValueError(
                "GATEWAY_MAX_UPLOAD_TOTAL_BYTES is below GATEWAY_MAX_UPLOAD_BYTES: no file that size could arrive"
            )
        return self

    @model_validator(mode="after")
    def _refuse_development_secrets_in_production(self) -> Settings:
        if self.environment == "production" and (problems := production_problems(self)):
            raise InsecureSettings("production refuses to start: " + "; ".join(problems))  # every problem at once
        return self

    @property
    def graphiql_enabled(self) -> bool:
        return self.graphiql if self.graphiql is not None else self.environment == "development"

    @property
    def portal_dev_sign_in_enabled(self) -> bool:
        return self.portal_dev_sign_in if self.portal_dev_sign_in is not None else self.environment == "development"

    @property
    def auto_approval(self) -> bool:
        return self.auto_approve if self.auto_approve is not None else self.environment == "development"

    @property
    def introspection_enabled(self) -> bool:
        return self.introspection if self.introspection is not None else self.environment == "development"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{self.data_dir / 'gateway.sqlite3'}"

    @property
    def callback_url(self) -> str:
        base = self.public_url or f"http://{self.host}:{self.port}"
        return f"{base.rstrip('/')}{self.graphql_path}"

    @property
    def mocks_url(self) -> str:
        return f"http://{self.mocks_host}:{self.mocks_port}"

    def signing_secret(self) -> str:
        """Development keeps a random secret in the data dir, so `token` and `serve` agree."""
        return self.jwt_secret or _dev_secret(self.data_dir / DEV_SECRET_FILE, lambda: secrets.token_urlsafe(48))

    def data_encryption_keys(self) -> list[str]:
        """Production: GATEWAY_ENCRYPTION_KEYS; development: one random key kept in the data dir."""
        if self.encryption_keys:
            return self.encryption_keys
        return [_dev_secret(self.data_dir / DEV_ENCRYPTION_KEY_FILE, lambda: Fernet.generate_key().decode())]

    def data_digest_key(self) -> str:
        return self.digest_key or _dev_secret(self.data_dir / DEV_DIGEST_KEY_FILE, lambda: secrets.token_urlsafe(48))


_DEV_SECRETS: dict[Path, str] = {}


def _dev_secret(path: Path, make: Callable[[], str]) -> str:
    """Read once per process: every token check asks for it, and the file never changes under us."""
    if path in _DEV_SECRETS:
        return _DEV_SECRETS[path]
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never readable by others
        with os.fdopen(descriptor, "w") as file:
            file.write(make())
    _DEV_SECRETS[path] = path.read_text().strip()
    return _DEV_SECRETS[path]
