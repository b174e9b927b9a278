"""Logs an operator can use: uvicorn's access line survives redaction, JSON carries the request's facts,
and a client's mistake is one INFO/WARNING line while a fault is an ERROR with its traceback."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest
from uvicorn.logging import AccessFormatter

from adapters.telemetry import call_fields
from gateway.observability.context import LogFields
from gateway.observability.logs import JSONFormatter, TextFormatter
from gateway.observability.startup import database_shown
from gateway.security import redaction
from tests.edge.conftest import running

ID_NUMBER, PHONE = "640104194803120515", "13954121870"
ACCESS_FORMAT = '%(client_addr)s - "%(request_line)s" %(status_code)s'


def access_record(path: str) -> logging.LogRecord:
    """A record as uvicorn makes it, through whatever record factory is installed."""
    redaction.install()
    args = ("127.0.0.1:51000", "GET", path, "1.1", 200)
    return logging.getLogger("uvicorn.access").makeRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None
    )


def test_uvicorn_access_formatter_formats_a_line_whose_path_held_an_identity_number() -> None:
    line = AccessFormatter(ACCESS_FORMAT, use_colors=False).format(access_record(f"/graphql?id={ID_NUMBER}"))
    assert line == '127.0.0.1:51000 - "GET /graphql?id=640104********0515 HTTP/1.1" 200 OK'


def test_uvicorn_access_formatter_formats_a_clean_line_unchanged() -> None:
    line = AccessFormatter(ACCESS_FORMAT, use_colors=False).format(access_record("/graphql"))
    assert line == '127.0.0.1:51000 - "GET /graphql HTTP/1.1" 200 OK'


def test_a_number_split_over_template_and_argument_is_still_masked() -> None:
    redaction.install()
    record = logging.getLogger("t").makeRecord("t", logging.INFO, __file__, 1, "id 640104%s", ("194803120515",), None)
    assert record.getMessage() == "id 640104********0515"


def test_json_lines_carry_the_facts_of_the_request_and_the_agency_call_with_numbers_masked() -> None:
    redaction.install()
    logger = logging.getLogger("gateway.test")
    with LogFields(request_id="req-1234abcd", case_id="c-1"), call_fields(agency="HRSS", item_kind="FUNERAL_GRANT"):
        try:
            raise ValueError(f"account {PHONE}")
        except ValueError:
            record = logger.makeRecord("gateway.test", logging.ERROR, __file__, 1, "failed for %s", (ID_NUMBER,), None)
            record.exc_info = sys.exc_info()
            line = JSONFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "failed for 640104********0515"
    assert (entry["level"], entry["logger"], entry["request_id"], entry["case_id"]) == (
        "ERROR", "gateway.test", "req-1234abcd", "c-1"
    )  # fmt: skip
    assert (entry["agency"], entry["item_kind"]) == ("HRSS", "FUNERAL_GRANT")
    assert "ValueError" in entry["exception"] and PHONE not in line and ID_NUMBER not in line
    assert entry["time"].endswith("+00:00") and "\n" not in line


def test_text_lines_append_only_the_facts_the_message_does_not_say() -> None:
    with LogFields(request_id="req-1234abcd", operation="Follow"):
        record = logging.makeLogRecord({"name": "g", "levelname": "INFO", "msg": "refused [request req-1234abcd]"})
        line = TextFormatter().format(record)
    assert line.endswith("refused [request req-1234abcd] [operation=Follow]")


async def test_client_mistakes_are_one_line_at_info_or_warning_and_strawberry_logs_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(tmp_path) as gateway:
        with caplog.at_level(logging.DEBUG):
            syntax = await gateway.post({"query": "{ cases(first: 1) { totalCount "})
            anonymous = await gateway.post({"query": "query Mine { cases(first: 1) { totalCount } }"})
            invalid = await gateway.post({"query": "{ nosuchfield }"})
    ours = [r for r in caplog.records if r.name == "gateway.graphql"]
    assert not [r for r in caplog.records if r.name.startswith("strawberry")]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in ours)
    by_request = {r.getMessage().rsplit("[request ", 1)[1].rstrip("]"): r for r in ours}
    for response, level, code in (
        (syntax, logging.INFO, "GRAPHQL_PARSE_FAILED"),
        (anonymous, logging.WARNING, "UNAUTHENTICATED"),
        (invalid, logging.INFO, "GRAPHQL_VALIDATION_FAILED"),
    ):
        record = by_request[response.headers["x-request-id"]]
        assert (record.levelno, code in record.getMessage()) == (level, True)


def test_the_start_up_block_shows_the_database_without_its_password() -> None:
    shown = database_shown("postgresql+asyncpg://gateway:s3cret-Pa55@db.internal:5432/houshi")
    assert shown == "postgresql+asyncpg://gateway:***@db.internal:5432/houshi"
