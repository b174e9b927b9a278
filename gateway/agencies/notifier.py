"""Where the SMS gateway is: configured like the agencies (GATEWAY_AGENCY_BASE_URLS, under "SMS"),
else the embedded mock's. It does not register itself: it is a service we buy, not an agency."""

from __future__ import annotations

import httpx

from adapters import sms
from adapters.breaker import CircuitBreaker
from adapters.sms import SmsClient
from gateway.agencies.endpoints import retry_policy
from gateway.settings import Settings


def sms_url(settings: Settings) -> str:
    configured = settings.agency_base_urls.get(sms.NAME)
    return (configured or f"{settings.mocks_url}/{sms.SLUG}").rstrip("/")


def sms_client(settings: Settings, http: httpx.AsyncClient) -> SmsClient:
    breaker = CircuitBreaker(
        failure_threshold=settings.breaker_failures, reset_after_seconds=settings.breaker_reset_seconds
    )
    return SmsClient(sms_url(settings), http, breaker, retry_policy(settings))
