"""Item requests built from the mocks' population, as the gateway would send them."""

from __future__ import annotations

import hashlib

from adapters.contract import (
    ApplicantData,
    BankAccountData,
    CertificateRef,
    DeceasedData,
    ItemRequest,
    MaterialData,
)
from adapters.kinds import CertificateKind, ItemKind
from gateway.domain.materials import wanted_by
from mocks.people.model import Person
from tests.support.files import pdf


def certificates_held(person: Person) -> tuple[CertificateRef, ...]:
    """The certificates a case would hold by the time its later items are dispatched."""
    death = "MEDICAL" if person.death_type == "NORMAL" else "ABNORMAL"
    kinds = [CertificateKind(f"{death}_DEATH_CERTIFICATE")]
    if person.disposal == "CREMATION":
        kinds.append(CertificateKind.CREMATION_CERTIFICATE)
    return tuple(CertificateRef(kind, f"TEST-{kind.value[:5]}-{person.id_number}") for kind in kinds)


def papers_for(kind: ItemKind) -> tuple[MaterialData, ...]:
    """A scan of every paper the guide asks for this item: the family provided a complete set."""
    scan = pdf()
    digest = hashlib.sha256(scan).hexdigest()
    return tuple(MaterialData(m, "application/pdf", digest, scan) for m in sorted(wanted_by(kind)))


def item_request(person: Person, kind: ItemKind, key: str = "key-1", account_name: str | None = None) -> ItemRequest:
    applicant, account = person.applicant, person.payout
    return ItemRequest(
        case_reference="NX-SH-20261128-000001",
        item_id=f"item-{kind.value.lower()}",
        kind=kind,
        idempotency_key=key,
        deceased=DeceasedData(
            name=person.name,
            id_number=person.id_number,
            gender=person.gender,
            death_date=person.death_date,
            death_place=person.death_place,
            death_type=person.death_type,
            died_in_medical_institution=person.in_hospital,
            household_region_code=person.region,
            disposal=person.disposal,
        ),
        applicant=ApplicantData(applicant.name, applicant.id_number, applicant.phone, applicant.relationship),
        payout_account=BankAccountData(account.bank_name, account_name or account.account_name, account.account_number),
        certificates=certificates_held(person),
        materials=papers_for(kind),
    )
