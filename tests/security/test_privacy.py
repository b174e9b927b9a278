"""Full personal numbers never appear in logs, error messages or the timeline."""

from __future__ import annotations

import logging

import pytest

from gateway.security import redaction
from tests.security.world import ACCOUNT_A, APPLICANT_1, DECEASED_A, PHONE_A, World

SECRETS = (DECEASED_A, APPLICANT_1, PHONE_A, ACCOUNT_A)


def test_identity_numbers_phones_and_accounts_are_masked() -> None:
    text = redaction.redact(f"id {DECEASED_A}, X-id 64010419900101123X, phone {PHONE_A}, card {ACCOUNT_A}")
    assert text == "id 640104********0515, X-id 640104********123X, phone *******1870, card ***************3677"


def test_numbers_glued_to_words_are_masked_and_request_ids_stay_readable() -> None:
    text = redaction.redact(f"sfzhm{DECEASED_A} request 6c1f2e4a-1b2c-4d5e-8f90-123456789abc")
    assert text == "sfzhm640104********0515 request 6c1f2e4a-1b2c-4d5e-8f90-123456789abc"


def test_log_records_are_masked_whoever_logs_them(caplog: pytest.LogCaptureFixture) -> None:
    redaction.install()
    with caplog.at_level(logging.INFO):
        logging.getLogger("uvicorn.access").info("GET /graphql?variables=%s", DECEASED_A)
        try:
            raise ValueError(f"bad account {ACCOUNT_A}")
        except ValueError:
            logging.getLogger("gateway.graphql").exception("failed for %s", PHONE_A)
    assert not [s for s in SECRETS if s in caplog.text], caplog.text
    assert "640104********0515" in caplog.text and "3677" in caplog.text


async def test_requests_and_errors_leave_no_full_number_in_logs(world: World, caplog: pytest.LogCaptureFixture) -> None:
    gid = world.gid("Case", world.case_a.id)
    with caplog.at_level(logging.DEBUG):
        await world.ask("admin", "query($id: ID!) { case(id: $id) { deceased { idNumber } } }", {"id": gid})
        bad = await world.ask(
            "admin",
            "query($n: String!) { eligibility(deceasedIdNumber: $n) { items { kind } } }",
            {"n": DECEASED_A[:-1] + "9"},
        )
        await world.ask("admin", "query($n: String!) { nosuchfield(x: $n) }", {"n": DECEASED_A})
    assert not [s for s in SECRETS if s in caplog.text]
    assert DECEASED_A[:-1] not in repr(bad.get("errors")), "an error message must not echo the number"


async def test_timeline_and_access_log_hold_no_full_number(world: World) -> None:
    gid = world.gid("Case", world.case_a.id)
    body = await world.ask("admin", "query($id: ID!) { case(id: $id) { timeline { actor message } } }", {"id": gid})
    log = await world.ask("admin", "{ accessLog(first: 100) { actor operation } }")
    assert not [s for s in SECRETS if s in repr(body["data"]) + repr(log["data"])]


def test_a_hex_request_id_with_a_long_run_of_digits_is_left_whole_in_the_log() -> None:
    request_id = "8ffa072fcec74fadb012345678901c0d"  # about one id in eight holds 11+ digits in a row
    assert redaction.redact(f"unexpected error [request {request_id}]") == f"unexpected error [request {request_id}]"
