"""What the gateway hands an agency adapter, and what comes back: plain data, no I/O."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from adapters.kinds import Agency, CertificateKind, Fact, ItemKind, MaterialKind


@dataclass(frozen=True)
class PersonData:
    name: str
    id_number: str


@dataclass(frozen=True)
class DeceasedData(PersonData):
    gender: str | None
    death_date: date
    death_place: str
    death_type: str  # NORMAL | ABNORMAL
    died_in_medical_institution: bool
    household_region_code: str
    disposal: str  # CREMATION | BURIAL
    incident_region_code: str | None = None  # a non-normal death: where it happened, if not at home


@dataclass(frozen=True)
class ApplicantData(PersonData):
    phone: str
    relationship: str


@dataclass(frozen=True)
class BankAccountData:
    bank_name: str
    account_name: str
    account_number: str


@dataclass(frozen=True)
class CertificateRef:
    kind: CertificateKind
    number: str


@dataclass(frozen=True)
class MaterialData:
    """A paper the family provided, for an agency whose item needs it (一套材料): the plain bytes."""

    kind: MaterialKind
    content_type: str
    sha256: str
    content: bytes = field(repr=False)  # never in a log line

    def as_json(self) -> dict[str, str]:
        """How every agency is sent it: base64 content with its digest, to check it arrived whole."""
        return {
            "kind": self.kind.value,
            "contentType": self.content_type,
            "sha256": self.sha256,
            "content": base64.b64encode(self.content).decode("ascii"),
        }


@dataclass(frozen=True)
class ItemRequest:
    """One item of one case, as sent to the agency that owns it."""

    case_reference: str
    item_id: str  # the public (GraphQL) id, which call-backs quote
    kind: ItemKind
    idempotency_key: str  # one per item and attempt generation, never per HTTP try
    deceased: DeceasedData
    applicant: ApplicantData
    payout_account: BankAccountData | None
    certificates: tuple[CertificateRef, ...] = ()
    callback_url: str | None = None
    materials: tuple[MaterialData, ...] = ()  # those of the case's papers the guide lists for this item

    def certificate(self, kind: CertificateKind) -> str | None:
        return next((c.number for c in self.certificates if c.kind == kind), None)

    def death_certificate(self) -> str | None:
        """The one death certificate of the case: medical for a normal death, police for another."""
        return self.certificate(CertificateKind.MEDICAL_DEATH_CERTIFICATE) or self.certificate(
            CertificateKind.ABNORMAL_DEATH_CERTIFICATE
        )


@dataclass(frozen=True)
class CertificateData:
    kind: CertificateKind
    number: str
    issuer: str
    issued_at: datetime
    holder_name: str
    verification_code: str
    death_date: date | None = None  # death certificates carry the legal death date


@dataclass(frozen=True)
class ResultData:
    summary: str
    amount: Decimal | None = None
    deduction: Decimal | None = None
    effective_date: date | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Completed:
    reference: str | None
    result: ResultData
    certificate: CertificateData | None = None


@dataclass(frozen=True)
class Accepted:
    """The agency took the item and will answer later (poll or call-back)."""

    reference: str
    poll_after_seconds: float = 5.0


@dataclass(frozen=True)
class Rejected:
    """The agency refused, with a reason the family can act on."""

    reason: str
    reference: str | None = None


@dataclass(frozen=True)
class NoRecord:
    """The agency holds nothing for this person: the item does not apply."""

    reason: str


Outcome = Completed | Accepted | Rejected | NoRecord


@dataclass(frozen=True)
class Records:
    """What one agency's records say about a person (数据共享)."""

    agency: Agency
    found: bool
    facts: frozenset[Fact]
    name: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
