"""Uploaded papers rotate with the other sealed values: under the new key alone they still open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

from adapters.kinds import MaterialKind
from gateway.__main__ import rotate
from gateway.cases import materials
from gateway.cases.applications import submit
from gateway.security.tokens import Principal, Role
from gateway.settings import Settings
from gateway.store import queries
from tests.security.world import APPLICANT_1, DECEASED_A, person
from tests.support import files
from tests.support.cases import form_of
from tests.support.inprocess import gateway_in_process


async def test_rotation_reseals_uploaded_papers(tmp_path: Path) -> None:
    old, new, scan = Fernet.generate_key().decode(), Fernet.generate_key().decode(), files.pdf("rotated")
    family = Principal(Role.APPLICANT, APPLICANT_1)
    async with gateway_in_process(tmp_path, encryption_keys=[old], digest_key="d" * 48) as gateway:
        case = await submit(gateway.services, family, form_of(person(DECEASED_A)), None)
        upload = materials.Upload(scan, "a.pdf", "application/pdf")
        await materials.attach(gateway.services, family, case.id, MaterialKind.RELATIONSHIP_PROOF, upload)
    both: dict[str, Any] = {"serve_mocks": False, "dispatcher": False, "encryption_keys": [new, old]}
    assert (
        await rotate(Settings(data_dir=tmp_path, digest_key="d" * 48, **both)) == 3
    )  # the case, its document and the paper

    async with (
        gateway_in_process(tmp_path, encryption_keys=[new], digest_key="d" * 48) as gateway,
        gateway.services.db.reading() as session,
    ):
        stored = await queries.materials_with_content(session, case.id)
    assert [m.content for m in stored] == [scan]
