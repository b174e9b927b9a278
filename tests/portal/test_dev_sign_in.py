"""The development sign-in mints short-lived family and clerk tokens, nothing else, and never in production."""

from __future__ import annotations

import time
from pathlib import Path

import jwt
import pytest
from pydantic import ValidationError

from gateway.settings import Settings
from tests.security.production import production
from tests.support.inprocess import gateway_in_process

FAMILY = "640104197506220337"
CHECK_DIGIT_WRONG = "640104197506220338"


async def test_a_family_member_gets_a_two_hour_token_the_gateway_accepts(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gw:
        answer = await gw.http.post("/portal/dev-sign-in", json={"role": "applicant", "subject": FAMILY.lower()})
        token = answer.json()["token"]
        cases = await gw.graphql("{ cases(first: 1) { totalCount } }", token=token)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    assert claims["role"] == "applicant" and claims["sub"] == FAMILY
    assert claims["exp"] - time.time() <= 2 * 3600 + 5
    assert cases.json() == {"data": {"cases": {"totalCount": 0}}}


async def test_a_clerk_gets_a_token_for_the_region_asked(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gw:
        answer = await gw.http.post(
            "/portal/dev-sign-in", json={"role": "clerk", "subject": "staff-01", "region": "6401"}
        )
    claims = jwt.decode(answer.json()["token"], options={"verify_signature": False})
    assert (claims["role"], claims["sub"], claims["region"]) == ("clerk", "staff-01", "6401")


@pytest.mark.parametrize(
    ("request_body", "field", "code"),
    [
        ({"role": "admin", "subject": "ops"}, "role", "ROLE_NOT_OFFERED"),
        ({"role": "agency", "subject": "hrss-system"}, "role", "ROLE_NOT_OFFERED"),
        ({"role": "applicant", "subject": CHECK_DIGIT_WRONG}, "subject", "ID_NUMBER_CHECKSUM"),
        ({"role": "applicant", "subject": " "}, "subject", "REQUIRED"),
        ({"role": "clerk", "subject": "staff-01"}, "region", "REGION_FORMAT"),
        ({"role": "clerk", "subject": "staff-01", "region": "64%"}, "region", "REGION_FORMAT"),
        ({"role": "clerk", "subject": "员工", "region": "6401"}, "subject", "STAFF_ID_FORMAT"),
    ],
)
async def test_anything_else_is_refused_with_the_field_and_a_chinese_message(
    tmp_path: Path, request_body: dict[str, str], field: str, code: str
) -> None:
    async with gateway_in_process(tmp_path) as gw:
        answer = await gw.http.post("/portal/dev-sign-in", json=request_body)
    error = answer.json()["errors"][0]
    assert answer.status_code == 400 and (error["field"], error["code"]) == (field, code)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])


async def test_a_form_post_from_another_site_is_refused(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gw:
        answer = await gw.http.post(
            "/portal/dev-sign-in", content=b'{"role": "applicant"}', headers={"content-type": "text/plain"}
        )
        garbage = await gw.http.post("/portal/dev-sign-in", content=b"[1", headers={"content-type": "application/json"})
    assert answer.status_code == 415 and garbage.status_code == 400


async def test_it_is_off_in_production_and_the_page_says_so(tmp_path: Path) -> None:
    settings = production(data_dir=tmp_path)
    assert Settings(**settings).portal_dev_sign_in_enabled is False
    async with gateway_in_process(tmp_path, **{k: v for k, v in settings.items() if k != "data_dir"}) as gw:
        page = await gw.http.get("/portal/")
        answer = await gw.http.post("/portal/dev-sign-in", json={"role": "applicant", "subject": FAMILY})
    assert page.status_code == 200 and '<meta name="dev-sign-in" content="off">' in page.text
    assert answer.status_code == 404


def test_production_refuses_to_start_with_it_turned_on() -> None:
    with pytest.raises(ValidationError, match="GATEWAY_PORTAL_DEV_SIGN_IN"):
        Settings(**production(portal_dev_sign_in=True))
    assert Settings(**production(portal_dev_sign_in=False)).portal_dev_sign_in_enabled is False
