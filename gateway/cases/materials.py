"""The family's papers for a case (一套材料): attached once, checked by content, sealed at rest; a
newer paper of a kind replaces the earlier one. What is still missing is computed, never stored."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from adapters.kinds import ItemKind, MaterialKind
from gateway.cases.content import JPEG, PDF, PNG, sniff
from gateway.cases.timeline import record
from gateway.domain import materials
from gateway.domain.guide import GUIDE
from gateway.domain.status import WANTS_NO_PAPERS, CaseStatus
from gateway.errors import Problem, Refused, not_found
from gateway.security.policy import accountable_name, may_act_for, permit
from gateway.security.tokens import Principal
from gateway.services import Services
from gateway.store import queries
from gateway.store.family_rows import MaterialRow
from gateway.store.models import CaseRow
from gateway.store.records import AnyCase, ItemRecord

CLOSED = frozenset({CaseStatus.COMPLETED, CaseStatus.WITHDRAWN})
EXTENSIONS = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG}
NAMES = {m.kind: m.name for entry in GUIDE.values() for m in entry.materials}


@dataclass(frozen=True)
class Upload:
    """A file as the request carried it: its bytes (read within the limit), its name, its declared type."""

    data: bytes
    filename: str | None
    declared_type: str | None


def _content_type(upload: Upload, limit: int) -> str:
    if not upload.data:
        raise Refused(Problem("file", "EMPTY_FILE", "文件为空，请重新选择 (the file is empty)"))
    if len(upload.data) > limit:
        mib = limit / (1024 * 1024)
        raise Refused(Problem("file", "FILE_TOO_LARGE", f"文件超过 {mib:g} MiB 上限 (the file is over {mib:g} MiB)"))
    proved = sniff(upload.data)
    if proved is None:
        raise Refused(
            Problem(
                "file", "UNSUPPORTED_FILE_TYPE", "仅接受 PDF、JPEG、PNG 文件 (only PDF, JPEG or PNG files, by content)"
            )
        )
    named = EXTENSIONS.get(_extension(upload.filename))
    if named is not None and named != proved:
        # A name that lies about the content is how a wrong file gets opened by the wrong program.
        raise Refused(
            Problem("file", "CONTENT_MISMATCH", "文件内容与文件扩展名不符 (the content does not match the name)")
        )
    return proved


def _extension(filename: str | None) -> str:
    name = (filename or "").lower()
    return name[name.rfind(".") :] if "." in name else ""


async def attach(
    services: Services, principal: Principal | None, case_id: str, kind: MaterialKind, upload: Upload
) -> tuple[MaterialRow, CaseRow]:
    principal = permit(principal, "attachMaterial")
    content_type = _content_type(upload, services.settings.max_upload_bytes)
    now = services.clock()
    async with services.db.writing() as session:
        case = await queries.case_by_id(session, case_id, lock=True)
        if case is None or not may_act_for(principal, case):
            raise not_found("caseId")
        if case.status in CLOSED:
            raise Refused(Problem("caseId", "CASE_CLOSED", "该申请已办结或已撤回，不能再补充材料"))
        replaced = await queries.remove_material(session, case.id, kind.value)
        row = MaterialRow(
            id=str(uuid.uuid4()),
            case_id=case.id,
            kind=kind.value,
            content_type=content_type,
            size=len(upload.data),
            sha256=hashlib.sha256(upload.data).hexdigest(),
            content=upload.data,
            uploaded_by=accountable_name(principal, services.db.keyring),
            uploaded_at=now,
        )
        session.add(row)
        verb = "更新" if replaced else "提交"
        message = f"已{verb}材料：{NAMES.get(kind, kind.value)}"
        record(session, case, now, actor=principal.actor, type="MATERIAL_ATTACHED", message=message)
        return row, case


def missing(case: AnyCase, items: Sequence[ItemRecord], attached: Sequence[MaterialRow]) -> list[MaterialKind]:
    """What the case's items still to be done need from the family (as the caller sees the items)."""
    applicable = [ItemKind(i.kind) for i in items if i.status not in WANTS_NO_PAPERS]
    requested = [MaterialKind(k) for k in case.requested_materials or ()]
    on_register = case.relationship_on_register  # not a clerk's approval (gateway/domain/materials.py)
    needed = materials.needed(applicable, relationship_on_register=on_register, requested=requested)
    return materials.missing(needed, [MaterialKind(m.kind) for m in attached])
