"""Anyone may check a certificate: its number and verification code must match."""

from __future__ import annotations

import hmac

from gateway import reads
from gateway.models import CertificateRow
from gateway.services import Services

MAX_LENGTH = 80


async def verify(services: Services, number: str, code: str) -> CertificateRow | None:
    if not (0 < len(number) <= MAX_LENGTH and 0 < len(code) <= MAX_LENGTH):
        return None
    row = await reads.certificate(services.db, number.strip())
    if row is None or not hmac.compare_digest(row.verification_code.encode(), code.strip().encode()):
        return None
    return row
