"""What production refuses to start on: weak secrets, the mock agencies, an allow-list that would
let the health check scan ports, agencies configured at mock or unlisted addresses, no SMS gateway
(families are told by SMS unless they turn it off, and the mock tells nobody). Every problem is
named at once, so an operator fixes them in one go (gateway/settings.py raises them at start)."""

from __future__ import annotations

import base64
import ipaddress
import math
from collections import Counter
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cryptography.fernet import Fernet

from adapters import sms

if TYPE_CHECKING:
    from gateway.settings import Settings

MIN_SECRET_BYTES = 32
# What the value's own symbol frequencies suggest it carries (length x Shannon entropy per symbol).
# It cannot prove a value random; it catches repeated characters, short alphabets and zero keys.
MIN_ENTROPY_BITS = 128
LOOPBACK_NAMES = ("localhost", "ip6-localhost", "ip6-loopback")


def production_problems(settings: Settings) -> list[str]:
    """Everything production refuses to start with: development secrets, weak or shared keys, the
    mock agencies, and endpoint addresses that would reach the gateway's own machine."""
    return _secret_problems(settings) + _key_problems(settings) + _agency_problems(settings)


def _secret_problems(settings: Settings) -> list[str]:
    problems = []
    if settings.local_tokens and weak_secret(settings.jwt_secret.encode()):
        problems.append(f"GATEWAY_JWT_SECRET must be at least {MIN_SECRET_BYTES} random bytes in production {_MAKE}")
    if not settings.local_tokens and not settings.jwks_url:
        problems.append("production needs GATEWAY_JWKS_URL or GATEWAY_LOCAL_TOKENS=true with a JWT secret")
    if settings.jwks_url and not settings.jwks_url.startswith("https://"):
        problems.append("GATEWAY_JWKS_URL must be an https:// address in production")
    if weak_secret(settings.digest_key.encode()):
        problems.append(f"GATEWAY_DIGEST_KEY must be at least {MIN_SECRET_BYTES} random bytes in production {_MAKE}")
    if settings.metrics_token and weak_secret(settings.metrics_token.encode()):
        problems.append(f"GATEWAY_METRICS_TOKEN must be at least {MIN_SECRET_BYTES} random bytes in production {_MAKE}")
    if settings.portal_dev_sign_in:
        problems.append("GATEWAY_PORTAL_DEV_SIGN_IN must be off in production: it mints tokens for anyone who asks")
    if settings.digest_key and settings.digest_key == settings.jwt_secret:
        problems.append("GATEWAY_DIGEST_KEY must differ from GATEWAY_JWT_SECRET (one leaked key must not open both)")
    return problems


_MAKE = "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'); repeated or patterned values are refused"


def _key_problems(settings: Settings) -> list[str]:
    if not settings.encryption_keys:
        return ["GATEWAY_ENCRYPTION_KEYS must list at least one Fernet key in production"]
    problems = []
    for key in settings.encryption_keys:
        try:
            Fernet(key.encode())
        except ValueError:
            problems.append("GATEWAY_ENCRYPTION_KEYS holds a value that is not a Fernet key (32 url-safe base64 bytes)")
            continue
        if estimated_entropy_bits(base64.urlsafe_b64decode(key.encode())) < MIN_ENTROPY_BITS:
            problems.append("GATEWAY_ENCRYPTION_KEYS holds a Fernet key that is not random (use Fernet.generate_key())")
    return problems


def _agency_problems(settings: Settings) -> list[str]:
    problems = []
    if settings.serve_mocks:
        problems.append("GATEWAY_SERVE_MOCKS must be false in production: the mock agencies are for development")
    for entry in settings.endpoint_allow_list:
        if (problem := allow_list_entry_problem(entry)) is not None:
            problems.append(f"GATEWAY_ENDPOINT_ALLOW_LIST entry {entry!r}: {problem}")
    if sms.NAME not in settings.agency_base_urls:
        problems.append(
            f'GATEWAY_AGENCY_BASE_URLS must name the SMS gateway ("{sms.NAME}") in production: notices are on '
            "unless a family turns them off, and without it they would go to the mock, which tells nobody"
        )
    allowed = {entry.lower() for entry in settings.endpoint_allow_list}
    for agency, url in settings.agency_base_urls.items():
        if url.rstrip("/").startswith(settings.mocks_url) or _host_port(url) not in allowed:
            problems.append(f"GATEWAY_AGENCY_BASE_URLS[{agency}] must be an allow-listed host:port, not a mock agency")
    return problems


def weak_secret(raw: bytes) -> bool:
    return len(raw) < MIN_SECRET_BYTES or estimated_entropy_bits(raw) < MIN_ENTROPY_BITS


def estimated_entropy_bits(raw: bytes) -> float:
    counts = Counter(raw)
    return -sum(n * math.log2(n / len(raw)) for n in counts.values()) if raw else 0.0


def allow_list_entry_problem(entry: str) -> str | None:
    """Production entries name a host and a port, and never this machine (or the link-local range
    cloud metadata lives in): an allowed loopback port answers "healthy" to anyone who registers it."""
    try:
        parts = urlsplit(f"//{entry}")
        port = parts.port
    except ValueError:
        return "not a host:port"
    host = (parts.hostname or "").lower()
    if not host or port is None or parts.path or parts.username:
        return "must be host:port (a host alone would allow every port)"
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return "loopback is refused in production"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback or address.is_unspecified or address.is_link_local:
        return "loopback, unspecified and link-local addresses are refused in production"
    return None


def _host_port(url: str) -> str:
    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
