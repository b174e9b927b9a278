"""Settings, read from the environment (prefix GATEWAY_) or passed in by tests."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from cryptography.fernet import Fernet
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_FILE = "jwt-secret"
DEV_ENCRYPTION_KEY_FILE = "encryption-key"
DEV_DIGEST_KEY_FILE = "digest-key"
MIN_SECRET_BYTES = 32


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

    # 四(二) "工作人员预审后…推送": in production every application waits for a clerk unless the
    # operator turns this on; None: on in development (the embedded demo), off in production.
    auto_approve: bool | None = None
    access_log: bool = True  # uvicorn's line per request
    health_check_seconds: float = 30.0  # how often registered agency endpoints are probed
    response_cache: bool = True  # repeated status queries answered from memory while versions hold
    one_case_per_deceased: bool = True  # a second open case for one person would pay twice
    graphiql: bool | None = None  # None: on in development, off in production
    max_body_bytes: int = 256 * 1024  # larger request bodies are refused with 413 before parsing
    max_query_cost: int = 100_000  # estimated fields resolved (schema/cost.py); costlier queries are refused
    max_string_length: int = 10_000  # characters in one string argument or variable
    dispatcher: bool = True  # run the dispatcher in this process
    dispatch_poll_seconds: float = 0.5
    dispatch_batch: int = 16
    dispatch_concurrency: int = 16
    dispatch_lease_seconds: float = 120.0
    dispatch_backoff_seconds: float = 2.0  # first reschedule after an outage; doubles up to the cap
    dispatch_backoff_cap_seconds: float = 3600.0
    callback_poll_seconds: float = 60.0  # safety-net poll of agencies that promise a call-back
    prepare_attempts: int = 5  # records look-ups before a case goes to a clerk instead

    adapter_attempts: int = 3
    adapter_max_seconds: float = 10.0
    adapter_initial_wait: float = 0.2
    adapter_max_wait: float = 2.0
    breaker_failures: int = 5
    breaker_reset_seconds: float = 30.0
    holiday_schedule_file: Path | None = None
    # Where agencies may point us: "host" or "host:port" entries; anything else is refused (no SSRF).
    endpoint_allow_list: list[str] = ["127.0.0.1", "localhost", "[::1]"]

    @model_validator(mode="after")
    def _refuse_development_secrets_in_production(self) -> Settings:
        if self.environment == "production":
            for problem in production_problems(self):
                raise InsecureSettings(problem)
        return self

    @property
    def graphiql_enabled(self) -> bool:
        return self.graphiql if self.graphiql is not None else self.environment == "development"

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


def production_problems(settings: Settings) -> list[str]:
    """Everything production refuses to start with: development secrets, missing keys, shared keys."""
    problems = []
    if settings.local_tokens and len(settings.jwt_secret.encode()) < MIN_SECRET_BYTES:
        problems.append(f"GATEWAY_JWT_SECRET must be set to at least {MIN_SECRET_BYTES} random bytes in production")
    if not settings.local_tokens and not settings.jwks_url:
        problems.append("production needs GATEWAY_JWKS_URL or GATEWAY_LOCAL_TOKENS=true with a JWT secret")
    if settings.jwks_url and not settings.jwks_url.startswith("https://"):
        problems.append("GATEWAY_JWKS_URL must be an https:// address in production")
    if not settings.encryption_keys:
        problems.append("GATEWAY_ENCRYPTION_KEYS must list at least one Fernet key in production")
    for key in settings.encryption_keys:
        try:
            Fernet(key.encode())
        except ValueError:
            problems.append("GATEWAY_ENCRYPTION_KEYS holds a value that is not a Fernet key (32 url-safe base64 bytes)")
    if len(settings.digest_key.encode()) < MIN_SECRET_BYTES:
        problems.append(f"GATEWAY_DIGEST_KEY must be set to at least {MIN_SECRET_BYTES} random bytes in production")
    if settings.digest_key and settings.digest_key == settings.jwt_secret:
        problems.append("GATEWAY_DIGEST_KEY must differ from GATEWAY_JWT_SECRET (one leaked key must not open both)")
    return problems


_DEV_SECRETS: dict[Path, str] = {}


def _dev_secret(path: Path, make: Callable[[], str]) -> str:
    """Read once per process: every token check asks for it, and the file never changes under us."""
    if path in _DEV_SECRETS:
        return _DEV_SECRETS[path]
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make())
        path.chmod(0o600)
    _DEV_SECRETS[path] = path.read_text().strip()
    return _DEV_SECRETS[path]
