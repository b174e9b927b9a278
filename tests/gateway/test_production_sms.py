"""Production does not start without the SMS gateway: families are told of each milestone by SMS
unless they turn it off, and the embedded mock would swallow every notice."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gateway.settings import Settings
from tests.security.production import production


def test_production_refuses_to_start_without_an_sms_gateway_url() -> None:
    with pytest.raises(ValidationError, match=r'GATEWAY_AGENCY_BASE_URLS must name the SMS gateway \("SMS"\)'):
        Settings(**production(agency_base_urls={"HRSS": "https://agency.nx.gov.cn/renshe"}))


def test_the_sms_gateway_must_be_at_an_allowed_address_like_any_agency() -> None:
    with pytest.raises(ValidationError, match=r"GATEWAY_AGENCY_BASE_URLS\[SMS\] must be an allow-listed host:port"):
        Settings(**production(agency_base_urls={"SMS": "https://sms.elsewhere.example/api"}))


def test_production_starts_with_one() -> None:
    assert Settings(**production()).agency_base_urls["SMS"] == "https://agency.nx.gov.cn/duanxin"


def test_development_falls_back_to_the_mock() -> None:
    assert "SMS" not in Settings().agency_base_urls
