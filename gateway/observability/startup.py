"""The one short block a process logs once it listens: where everything is, and what it runs on."""

from __future__ import annotations

import logging

from sqlalchemy.engine import make_url

from gateway.settings import Settings

log = logging.getLogger("gateway")
TITLE = "个人身后“一件事” gateway"


def database_shown(url: str) -> str:
    """The database URL with its password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: the engine will say what is wrong; never echo a secret here
        return "(unreadable DATABASE_URL)"


def where(settings: Settings, role: str, port: int) -> dict[str, str]:
    """What the block says, as fields (the JSON log carries them as they are)."""
    base = f"http://{settings.host}:{port}"
    facts = {"role": role, "environment": settings.environment}
    if role == "serve":
        facts["graphql"] = f"{base}{settings.graphql_path}"
        if settings.graphiql_enabled:
            facts["graphiql"] = f"{base}{settings.graphql_path} (in a browser)"
        if settings.portal:
            facts["portal"] = f"{base}/portal/ (families and window clerks)"
    facts["mocks"] = f"{settings.mocks_url} (in this process)" if role == "serve" and settings.serve_mocks else "off"
    facts["database"] = database_shown(settings.effective_database_url)
    facts["data_dir"] = str(settings.data_dir.resolve())
    facts["dispatcher"] = "in this process" if role == "worker" or settings.dispatcher else "off (run `worker`)"
    return facts


def announce(settings: Settings, role: str, port: int) -> None:
    facts = where(settings, role, port)
    width = max(len(k) for k in facts)
    lines = [f"{TITLE} {role} ready ({settings.environment})"]
    lines += [f"  {k.replace('_', ' '):<{width}}  {v}" for k, v in facts.items() if k not in ("role", "environment")]
    log.info("\n".join(lines), extra={"details": facts})
