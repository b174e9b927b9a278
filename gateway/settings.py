"""Settings, read from the environment (prefix GATEWAY_) or passed in by tests."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_FILE = "jwt-secret"
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

    auto_approve: bool = True
    one_case_per_deceased: bool = True  # a second open case for one person would pay twice
    graphiql: bool | None = None  # None: on in development, off in production
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
        if self.environment == "production" and len(self.jwt_secret.encode()) < MIN_SECRET_BYTES:
            raise InsecureSettings(
                f"GATEWAY_JWT_SECRET must be set to at least {MIN_SECRET_BYTES} random bytes in production"
            )
        return self

    @property
    def graphiql_enabled(self) -> bool:
        return self.graphiql if self.graphiql is not None else self.environment == "development"

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
        if self.jwt_secret:
            return self.jwt_secret
        path = self.data_dir / DEV_SECRET_FILE
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()
