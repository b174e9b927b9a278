"""Anyone may check a certificate: its number and verification code must match."""

from __future__ import annotations

import hmac

from gateway.cases import reads
from gateway.services import Services
from gateway.store.records import CertificateRecord

MAX_LENGTH = 80


async def verify(services: Services, number: str, code: str) -> CertificateRecord | None:
    if not (0 < len(number) <= MAX_LENGTH and 0 < len(code) <= MAX_LENGTH):
        return None
    given = code.strip().encode()
    rows = await reads.certificates_numbered(services.db, number.strip())
    return next((r for r in rows if hmac.compare_digest(r.verification_code.encode(), given)), None)
