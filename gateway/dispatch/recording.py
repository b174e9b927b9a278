"""Writing an agency's answer onto an item: the one place polled answers and call-backs land."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.contract import Accepted, CertificateData, Completed, NoRecord, Outcome, Rejected
from adapters.errors import AdapterError, CircuitOpen
from adapters.kinds import Agency, CertificateKind, ItemKind
from gateway.cases.timeline import SYSTEM, record, touch
from gateway.dispatch.notices import announce
from gateway.dispatch.progress import advance
from gateway.domain.catalogue import AGENCY_NAMES, PAID_TO_THE_FAMILY, definition
from gateway.domain.notices import certificate_issued, payment_made
from gateway.domain.outcomes import Change, apply_outcome
from gateway.domain.status import GOING_OUT, ItemStatus
from gateway.domain.transitions import move_item
from gateway.store import queries
from gateway.store.models import CaseRow, CertificateRow, ItemRow

DEATH_CERTIFICATES = {CertificateKind.MEDICAL_DEATH_CERTIFICATE, CertificateKind.ABNORMAL_DEATH_CERTIFICATE}


def _names(item: ItemRow) -> tuple[str, str]:
    return definition(ItemKind(item.kind)).title, AGENCY_NAMES[Agency(item.agency)]


async def record_outcome(
    session: AsyncSession, case: CaseRow, item: ItemRow, outcome: Outcome, now: datetime, actor: str
) -> Change:
    title, agency_name = _names(item)
    change = apply_outcome(ItemStatus(item.status), outcome, title, agency_name)
    if not change.applied:
        if change.event_type == "OUTCOME_IGNORED":
            record(session, case, now, actor=actor, type=change.event_type, message=change.message, item_kind=item.kind)
        return change
    item.status, item.updated_at, item.last_error = change.status, now, None
    _copy_answer(item, outcome)
    record(session, case, now, actor=actor, type=change.event_type, message=change.message, item_kind=item.kind)
    if isinstance(outcome, Completed) and outcome.certificate is not None:
        await _attach_certificate(session, case, item, outcome.certificate, now, actor)
    if isinstance(outcome, Completed) and ItemKind(item.kind) in PAID_TO_THE_FAMILY and outcome.result.amount:
        # Paid to the account on the application: the family hears the amount, bank and last four digits.
        notice = payment_made(title, outcome.result.amount, case.payout_bank_name, case.payout_account_number)
        announce(session, case, now, notice)
    await advance(session, case, await queries.items_of(session, case.id), now)
    return change


def _copy_answer(item: ItemRow, outcome: Outcome) -> None:
    match outcome:
        case Completed(reference=reference, result=result):
            item.agency_reference = reference or item.agency_reference
            item.result_summary, item.result_amount, item.result_deduction = (
                result.summary,
                result.amount,
                result.deduction,
            )
            item.result_effective_date, item.result_data = result.effective_date, dict(result.data)
        case Accepted(reference=reference):
            item.agency_reference = reference
        case Rejected(reason=reason, reference=reference):
            item.rejection_reason, item.agency_reference = reason, reference or item.agency_reference
        case NoRecord(reason=reason):
            item.result_summary = reason


async def _attach_certificate(
    session: AsyncSession, case: CaseRow, item: ItemRow, cert: CertificateData, now: datetime, actor: str
) -> None:
    session.add(
        CertificateRow(
            id=str(uuid.uuid4()),
            case_id=case.id,
            item_id=item.id,
            kind=cert.kind.value,
            number=cert.number,
            issuer=cert.issuer,
            issued_at=cert.issued_at,
            holder_name=cert.holder_name,
            verification_code=cert.verification_code,
        )
    )
    message = f"已签发电子证照“{definition(ItemKind(item.kind)).title}”，编号 {cert.number}"
    record(session, case, now, actor=actor, type="CERTIFICATE_ISSUED", message=message, item_kind=item.kind)
    announce(session, case, now, certificate_issued(definition(ItemKind(item.kind)).title, cert.verification_code))
    if cert.kind in DEATH_CERTIFICATES and cert.death_date and cert.death_date != case.death_date:
        # The death date on the certificate is the legal one from which benefits stop (DOMAIN.md §2).
        note = f"死亡日期以死亡证明为准，由 {case.death_date} 更正为 {cert.death_date}"
        case.death_date = cert.death_date
        record(session, case, now, actor=actor, type="DEATH_DATE_CONFIRMED", message=note)


def record_failure(session: AsyncSession, case: CaseRow, item: ItemRow, error: AdapterError, now: datetime) -> None:
    """An item that could not be delivered shows FAILED and why; one timeline entry per outage, not per try."""
    title, agency_name = _names(item)
    moving = item.status in GOING_OUT
    if isinstance(error, CircuitOpen) and item.last_error and not moving:
        return  # the agency's own fault stays the reason shown; the open circuit is only our restraint
    last_error = f"{agency_name}：{error.detail}"
    changed, item.last_error = item.last_error != last_error, last_error
    if moving:
        item.status, item.updated_at = move_item(ItemStatus(item.status), ItemStatus.FAILED), now
        message = f"“{title}”暂时无法送达{agency_name}（{error.detail}），系统将自动重试"
        record(session, case, now, actor=SYSTEM, type="ITEM_FAILED", message=message, item_kind=item.kind)
    elif changed:
        item.updated_at = now
        touch(session, case, now)


SURPRISE = "网关内部错误，已记录，系统将自动重试 (internal error)"


def record_surprise(session: AsyncSession, case: CaseRow, item: ItemRow, now: datetime) -> None:
    """A job that broke inside the gateway shows on its item (FAILED, lastError), not as a silent DISPATCHED."""
    if item.last_error == SURPRISE:
        return
    item.last_error, item.updated_at = SURPRISE, now
    if item.status in GOING_OUT:
        item.status = move_item(ItemStatus(item.status), ItemStatus.FAILED)
    message = f"“{_names(item)[0]}”处理时发生网关内部错误，已记录，系统将自动重试"
    record(session, case, now, actor=SYSTEM, type="ITEM_FAILED", message=message, item_kind=item.kind)
