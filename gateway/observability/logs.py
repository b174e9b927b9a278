"""How the process logs: one handler on the root logger, plain text or one JSON object per line.

Every logger goes through it (ours, uvicorn's, a library's), so the access log, the start-up block and
our own lines share one format, one destination and the request's facts. Personal numbers are
masked before any of this sees a record (gateway/security/redaction.py).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal

from adapters.telemetry import current_call_fields
from gateway.observability.context import current_log_fields
from gateway.observability.tracing import current_trace_id
from gateway.security import redaction

LogFormat = Literal["text", "json"]
TEXT = "%(asctime)s %(levelname)s %(name)s %(message)s"
QUIET = {"httpx": logging.WARNING, "httpcore": logging.WARNING}  # a line per agency call drowns the rest
UVICORN = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")


def facts() -> dict[str, str]:
    """The current request's or job's facts, during an agency call the agency's, and the trace if traced."""
    known = {**current_log_fields(), **current_call_fields()}
    if trace_id := current_trace_id():
        known["trace_id"] = trace_id
    return known


class TextFormatter(logging.Formatter):
    """The classic line, with the facts the message does not already say appended in brackets."""

    def __init__(self) -> None:
        super().__init__(TEXT)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        known = facts()
        message = record.getMessage()
        # A fact may be the client's (an operation's name): escaped, like a record's arguments.
        extra = " ".join(f"{k}={redaction.escape_controls(v)}" for k, v in known.items() if v not in message)
        if not extra:
            return line
        first, newline, rest = line.partition("\n")  # after the message, before a traceback
        return f"{first} [{extra}]{newline}{rest}"


class JSONFormatter(logging.Formatter):
    """One object per line: time, level, logger, message, the facts, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **facts(),
        }
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) == 5:
            client, method, path, version, status = record.args
            entry["http"] = {"client": client, "method": method, "path": path, "version": version, "status": status}
        details = getattr(record, "details", None)
        if isinstance(details, Mapping):
            entry.update({k: _clean(v) for k, v in details.items() if k not in entry})
        if record.exc_info and not record.exc_text:
            record.exc_text = redaction.redact(self.formatException(record.exc_info))
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


def _clean(value: object) -> object:
    return redaction.redact(value) if isinstance(value, str) else value


def configure(level: str = "INFO", log_format: LogFormat = "text") -> None:
    """For a process started from the command line; tests leave logging to pytest."""
    redaction.install()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JSONFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name, quiet in QUIET.items():
        logging.getLogger(name).setLevel(quiet)
    for name in UVICORN:  # into our handler, whatever uvicorn or an earlier configuration set
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
        logger.setLevel(logging.NOTSET)
