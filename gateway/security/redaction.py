"""Personal numbers never reach a log line: identity numbers, phones and bank accounts are masked
in every record the process creates, whoever's logger made it (ours, uvicorn's, a library's).
Nor does a line break a client sent: control characters in a record's arguments (a query's text,
a path) are escaped, so client text cannot start a log line of its own that reads like ours.

Installed as the log-record factory rather than as a handler filter: a filter on one handler
misses records that go to handlers configured later (uvicorn configures its own).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gateway.domain.identity import mask_id_number

# GB 11643 identity numbers, even glued to letters ("sfzhm640104..."): privacy before readability,
# so a rare run of digits inside a hex digest gets masked too.
ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
# Phones (11 digits) and bank accounts (12-19): a run of 11 or more digits keeps its last 4 only,
# unless it sits inside a longer token of letters and digits: request ids and digests are hex, and
# one in eight of them holds such a run; masking it would cut the link between a log and a client.
LONG_DIGITS = re.compile(r"(?<![0-9A-Za-z])[0-9]{11,}(?![0-9A-Za-z])")
_MARK = "_gateway_redacted"
# Line breaks and other controls, including those some log viewers break lines at (NEL, LS, PS).
CONTROLS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def escape_controls(text: str) -> str:
    """A newline becomes the two characters `\\n`: still readable, no longer a line of its own."""
    return CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def redact(text: str) -> str:
    text = ID_NUMBER.sub(lambda m: mask_id_number(m.group()), text)
    return LONG_DIGITS.sub(lambda m: "*" * (len(m.group()) - 4) + m.group()[-4:], text)


def _redacted(record: logging.LogRecord) -> logging.LogRecord:
    # The template is ours and may span lines (the start-up block); the values may be anyone's.
    record.args = _escaped_args(record.args)
    try:
        message = record.getMessage()
    except (TypeError, ValueError):  # a broken format string: keep the template, drop the values
        record.msg, record.args = redact(str(record.msg)), None
    else:
        clean = redact(message)
        if clean != message:
            _mask(record, clean)
    if record.exc_info and not record.exc_text:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def _mask(record: logging.LogRecord, clean: str) -> None:
    """Mask inside the arguments where that yields the clean message, so formatters that read the
    arguments themselves keep working (uvicorn's access formatter unpacks five of them); otherwise
    the record carries the clean message alone."""
    masked = _masked_args(record.args)
    try:
        if masked is not None and redact(str(record.msg)) == str(record.msg) and str(record.msg) % masked == clean:
            record.args = masked
            return
    except (TypeError, ValueError, KeyError):
        pass
    record.msg, record.args = clean, None


def _escaped_args(args: Any) -> Any:
    if isinstance(args, tuple):
        return tuple(escape_controls(a) if isinstance(a, str) else a for a in args)
    if isinstance(args, dict):
        return {k: escape_controls(v) if isinstance(v, str) else v for k, v in args.items()}
    return args


def _masked_args(args: object) -> tuple[object, ...] | dict[str, object] | None:
    if isinstance(args, tuple) and args:
        return tuple(_masked_value(a) for a in args)
    if isinstance(args, dict):
        return {k: _masked_value(v) for k, v in args.items()}
    return None


def _masked_value(value: object) -> object:
    """A value whose text holds a personal number becomes its masked text; any other keeps its type."""
    text = str(value)
    clean = redact(text)
    return value if clean == text else clean


def install() -> None:
    """Idempotent: wrap the current factory once."""
    current = logging.getLogRecordFactory()
    if getattr(current, _MARK, False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return _redacted(current(*args, **kwargs))

    setattr(factory, _MARK, True)
    logging.setLogRecordFactory(factory)
