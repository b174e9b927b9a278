"""Settings production accepts: random secrets, a real Fernet key, no mocks, an allow-list of host:port,
and the SMS gateway at an allowed address."""

from __future__ import annotations

import secrets
from typing import Any

from cryptography.fernet import Fernet


def production(**overrides: Any) -> dict[str, Any]:
    return {
        "environment": "production",
        "jwt_secret": secrets.token_urlsafe(48),
        "digest_key": secrets.token_urlsafe(48),
        "encryption_keys": [Fernet.generate_key().decode()],
        "serve_mocks": False,
        "endpoint_allow_list": ["agency.nx.gov.cn:443"],
        "agency_base_urls": {"SMS": "https://agency.nx.gov.cn/duanxin"},
    } | overrides
