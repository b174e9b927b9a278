"""A surprise inside the gateway reaches the client masked, with a request id; the log keeps the trace."""

from __future__ import annotations

import logging
from typing import NoReturn

import pytest

from gateway.cases import reads
from schema.http import GraphQLEndpoint
from tests.edge.conftest import Gateway, bilingual, refusal

SECRET = "SELECT id_number FROM cases WHERE reference = 'NX-1'"


async def _fail(*_: object, **__: object) -> NoReturn:
    raise RuntimeError(SECRET)


async def test_unexpected_error_in_a_read_is_masked_with_the_request_id(
    gateway: Gateway, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(reads, "case_by_reference", _fail)
    with caplog.at_level(logging.ERROR, logger="gateway.graphql"):
        response = await gateway.post({"query": '{ caseByReference(reference: "NX-1") { id } }'}, token=gateway.token())
    (error,) = response.json()["errors"]
    request_id = response.headers["x-request-id"]
    assert response.status_code == 200
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    assert request_id in error["message"] and bilingual(error["message"])
    assert SECRET not in response.text and "Traceback" not in response.text and "RuntimeError" not in response.text
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert logged and logged[0].exc_info is not None and SECRET in caplog.text and "Traceback" in caplog.text


async def test_exception_outside_graphql_is_a_json_500_without_a_trace(
    gateway: Gateway, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(GraphQLEndpoint, "run", _fail)
    with caplog.at_level(logging.ERROR, logger="gateway.http"):
        response = await gateway.post({"query": "{ itemCatalogue { kind } }"})
    error = refusal(response)
    assert (response.status_code, error["extensions"]["code"]) == (500, "INTERNAL_SERVER_ERROR")
    assert SECRET not in response.text
    assert response.headers["x-request-id"] in caplog.text and SECRET in caplog.text
