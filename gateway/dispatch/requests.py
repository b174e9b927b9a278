"""What an agency is sent for one item: the case's data in the adapters' plain form."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.contract import (
    ApplicantData,
    BankAccountData,
    CertificateRef,
    DeceasedData,
    ItemRequest,
    MaterialData,
)
from adapters.kinds import CertificateKind, ItemKind, MaterialKind
from gateway.domain.materials import listed_for
from gateway.ids import to_global
from gateway.store.family_rows import MaterialRow
from gateway.store.models import CaseRow, ItemRow
from gateway.store.records import CertificateRecord


def idempotency_key(case: CaseRow, item: ItemRow) -> str:
    """Per item and attempt generation: retries repeat it, a corrected resubmission gets a new one."""
    return f"{case.reference}:{item.kind}:g{item.generation}"


def deceased_of(case: CaseRow) -> DeceasedData:
    return DeceasedData(
        name=case.deceased_name,
        id_number=case.deceased_id_number,
        gender=case.deceased_gender,
        death_date=case.death_date,
        death_place=case.death_place,
        death_type=case.death_type,
        died_in_medical_institution=case.died_in_medical_institution,
        household_region_code=case.region_code,
        disposal=case.disposal,
        incident_region_code=case.incident_region_code,
    )


def applicant_of(case: CaseRow) -> ApplicantData:
    return ApplicantData(
        name=case.applicant_name,
        id_number=case.applicant_id_number,
        phone=case.applicant_phone,
        relationship=case.relationship,
    )


def payout_of(case: CaseRow) -> BankAccountData | None:
    if not (case.payout_bank_name and case.payout_account_name and case.payout_account_number):
        return None
    return BankAccountData(case.payout_bank_name, case.payout_account_name, case.payout_account_number)


def materials_for(kind: ItemKind, materials: Sequence[MaterialRow]) -> tuple[MaterialData, ...]:
    """Only what the guide lists for this item: one agency never receives another's papers."""
    listed = listed_for(kind)
    return tuple(
        MaterialData(MaterialKind(m.kind), m.content_type, m.sha256, m.content)
        for m in materials
        if MaterialKind(m.kind) in listed
    )


def item_request(
    case: CaseRow,
    item: ItemRow,
    certificates: Sequence[CertificateRecord],
    callback_url: str,
    materials: Sequence[MaterialRow] = (),
) -> ItemRequest:
    return ItemRequest(
        case_reference=case.reference or case.id,
        item_id=to_global("CaseItem", item.id),
        kind=ItemKind(item.kind),
        idempotency_key=idempotency_key(case, item),
        deceased=deceased_of(case),
        applicant=applicant_of(case),
        payout_account=payout_of(case),
        certificates=tuple(CertificateRef(CertificateKind(c.kind), c.number) for c in certificates),
        callback_url=callback_url,
        materials=materials_for(ItemKind(item.kind), materials),
    )
