"""Personal numbers never reach a log line: identity numbers, phones and bank accounts are masked
in every record the process creates, whoever's logger made it (ours, uvicorn's, a library's).

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


def redact(text: str) -> str:
    text = ID_NUMBER.sub(lambda m: mask_id_number(m.group()), text)
    return LONG_DIGITS.sub(lambda m: "*" * (len(m.group()) - 4) + m.group()[-4:], text)


def _redacted(record: logging.LogRecord) -> logging.LogRecord:
    try:
        message = record.getMessage()
    except (TypeError, ValueError):  # a broken format string: keep the template, drop the values
        message, record.args = str(record.msg), None
    record.msg, record.args = redact(message), None
    if record.exc_info and not record.exc_text:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def install() -> None:
    """Idempotent: wrap the current factory once."""
    current = logging.getLogRecordFactory()
    if getattr(current, _MARK, False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return _redacted(current(*args, **kwargs))

    setattr(factory, _MARK, True)
    logging.setLogRecordFactory(factory)
