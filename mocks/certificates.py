"""Electronic certificates (电子证照): numbered, verifiable by a code anyone can check."""

from __future__ import annotations

import hashlib


def verification_code(number: str) -> str:
    return hashlib.sha256(f"houshi:{number}".encode()).hexdigest()[:8].upper()
