"""Electronic certificates (电子证照): numbered, verifiable by a code anyone can check.

The code is a keyed digest of the number under a secret this agency system draws when it starts:
nobody can compute it from the number, and at 20 base32 characters (100 bits) guessing it through
`verifyCertificate` is hopeless even before the gateway's rate limits. Codes issued earlier (8 hex
characters) stay valid: the gateway checks a code against the one it recorded.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

CODE_LENGTH = 20  # base32 characters, 5 bits each
_SECRET = secrets.token_bytes(32)


def verification_code(number: str) -> str:
    digest = hmac.new(_SECRET, f"houshi:{number}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:CODE_LENGTH]
