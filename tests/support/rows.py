"""Cases and items written straight into the store, with the dates a test wants to count by hand."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from itertools import count

from adapters.kinds import Agency, ItemKind
from gateway.store.models import CaseRow, ItemRow

_numbers = count(1)


def case_row(
    region: str, submitted_at: datetime, status: str, applicant_id_number: str = "640104197506220337"
) -> CaseRow:
    n = next(_numbers)
    return CaseRow(
        id=str(uuid.uuid4()), reference=f"NX-TEST-{n:06d}", status=status, channel="APP", version=1,
        submitted_at=submitted_at, updated_at=submitted_at, submitted_by="tests", submitter_role="admin",
        request_fingerprint="f", region_code=region, registered_region_code=region, relationship_verified=True,
        applicant_id_number=applicant_id_number, deceased_name="逝者", deceased_id_number=f"64010419480312{n:04d}",
        death_date=date(2026, 10, 1), death_place="银川", death_type="NORMAL", died_in_medical_institution=True,
        disposal="CREMATION", applicant_name="家属", applicant_phone="13954121870", relationship="CHILD",
        prepare_attempts=0,
    )  # fmt: skip


def item_row(
    case: CaseRow,
    kind: ItemKind,
    agency: Agency,
    status: str,
    *,
    dispatched_at: datetime | None = None,
    deadline: date | None = None,
    updated_at: datetime | None = None,
    rejection_reason: str | None = None,
) -> ItemRow:
    """`updated_at`: for a COMPLETED item, when it was completed."""
    return ItemRow(
        id=str(uuid.uuid4()), case_id=case.id, kind=kind.value, agency=agency.value, status=status,
        generation=0, dispatched_at=dispatched_at, deadline=deadline, deadline_estimated=False, attempts=0,
        rejection_reason=rejection_reason, updated_at=updated_at or dispatched_at or datetime(2026, 11, 1, tzinfo=UTC),
    )  # fmt: skip
