"""The container a province deploys, checked without docker: the compose file's topology, the
secrets it leaves to the operator, and what the build context and image leave out."""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path
from typing import Any

import pytest
import yaml
from cryptography.fernet import Fernet
from pydantic import ValidationError

from adapters.kinds import Agency
from gateway.settings import Settings

ROOT = Path(__file__).resolve().parent.parent.parent
GATEWAY_ROLES = {"migrate": ["migrate"], "serve": ["serve"], "worker": ["worker"]}


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def services() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = compose()["services"]
    return found


def env_file(name: str) -> dict[str, str]:
    lines = (ROOT / "deploy" / name).read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def dockerignore() -> set[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_the_topology_is_postgres_one_migration_two_replicas_two_workers_and_the_mocks() -> None:
    found = services()
    assert set(found) == {"postgres", "migrate", "serve", "worker", "mocks"}
    assert found["postgres"]["image"].startswith("postgres:")
    image = found["migrate"]["image"]
    assert {name: s["image"] for name, s in found.items() if name != "postgres"} == dict.fromkeys(
        ["migrate", "serve", "worker", "mocks"], image
    )
    assert {name: found[name]["command"] for name in GATEWAY_ROLES} == GATEWAY_ROLES
    assert found["mocks"]["entrypoint"] == ["python", "-m", "mocks"]
    assert (found["serve"]["deploy"]["replicas"], found["worker"]["deploy"]["replicas"]) == (2, 2)


def test_only_the_migrate_service_migrates_and_the_replicas_wait_for_it() -> None:
    found = services()
    for name in ("serve", "worker"):
        assert found[name]["environment"]["GATEWAY_MIGRATE_ON_START"] == "false"
        assert found[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert found["serve"]["environment"]["GATEWAY_DISPATCHER"] == "false"
    assert found["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_the_replicas_are_ready_checked_and_the_workers_serve_their_probes() -> None:
    found = services()
    assert "/readyz" in " ".join(found["serve"]["healthcheck"]["test"])
    port = found["worker"]["environment"]["GATEWAY_METRICS_PORT"]
    assert f"127.0.0.1:{port}/readyz" in " ".join(found["worker"]["healthcheck"]["test"])


def test_the_compose_file_holds_no_secret() -> None:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    for name in ("JWT_SECRET", "DIGEST_KEY", "ENCRYPTION_KEYS", "METRICS_TOKEN", "POSTGRES_PASSWORD"):
        assert name not in text
    assert {s["env_file"] for name, s in services().items() if name != "mocks"} == {
        "deploy/gateway.env",
        "deploy/postgres.env",
    }


def production_env(monkeypatch: pytest.MonkeyPatch, secrets_file: dict[str, str]) -> None:
    environment = {k: str(v) for k, v in services()["worker"]["environment"].items()}
    for key, value in (secrets_file | environment).items():
        monkeypatch.setenv(key, value)


def test_production_refuses_the_example_env_file_as_it_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    production_env(monkeypatch, env_file("gateway.env.example"))
    with pytest.raises(ValidationError, match="production refuses to start: GATEWAY_JWT_SECRET"):
        Settings()


def test_production_accepts_the_compose_settings_once_the_operator_fills_the_secrets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    filled = env_file("gateway.env.example") | {
        "GATEWAY_JWT_SECRET": secrets.token_urlsafe(48),
        "GATEWAY_DIGEST_KEY": secrets.token_urlsafe(48),
        "GATEWAY_ENCRYPTION_KEYS": json.dumps([Fernet.generate_key().decode()]),
        "GATEWAY_METRICS_TOKEN": secrets.token_urlsafe(48),
    }
    production_env(monkeypatch, filled)
    settings = Settings()
    assert (settings.migrate_on_start, settings.serve_mocks, settings.metrics_port) == (False, False, 9100)
    assert set(settings.agency_base_urls) == {a.value for a in Agency} | {"SMS"}  # every agency, and the SMS gateway


def test_the_operators_env_files_are_kept_out_of_git_and_the_image() -> None:
    assert "deploy/*.env" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"deploy/*.env", ".env"} <= dockerignore()


def test_the_build_context_leaves_out_the_virtualenv_the_data_dir_and_git() -> None:
    assert {".venv", "var", ".git", "**/__pycache__", "**/*.sqlite3"} <= dockerignore()


def test_the_image_copies_nothing_that_could_carry_the_data_dir() -> None:
    copied = [
        source
        for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.startswith("COPY ")
        for source in line.split()[1:-1]
    ]
    assert "." not in copied  # the whole context would bring whatever .dockerignore missed
    assert all(not re.match(r"(\./)?var\b", source) for source in copied)
    assert all(not (ROOT / source / "var").exists() for source in copied if (ROOT / source).is_dir())
