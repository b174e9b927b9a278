"""Key rotation reseals every sealed column of every table: the list it walks is checked against the
models, so a new sealed column cannot be left out (a case's second contact's phone and a family's
rating comment once were: once the old key went, they no longer opened)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from sqlalchemy import select, update

import gateway.store.family_rows  # noqa: F401  (its tables, on the same metadata)
from gateway.__main__ import rotate
from gateway.security.crypto import Encrypted, EncryptedBytes
from gateway.security.rotation import SEALED
from gateway.security.tokens import Role
from gateway.settings import Settings
from gateway.store.models import Base, CaseRow
from tests.supervision.test_ratings import FAMILY, a_case, rate
from tests.support.inprocess import gateway_in_process


def test_every_sealed_column_of_every_table_is_rotated() -> None:
    in_models = {
        (table.name, column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, Encrypted | EncryptedBytes)
    }
    rotated = {(spec.name, name) for spec in SEALED for name in (*spec.sealed, *spec.sealed_bytes)}
    assert rotated == in_models
    assert {(spec.name, name) for spec in SEALED for name in spec.resealed_by} == {("case_documents", "body")}


async def test_a_contact_phone_and_a_rating_comment_open_under_the_new_key_alone(tmp_path: Path) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    async with gateway_in_process(tmp_path, encryption_keys=[old], digest_key="d" * 48, rate_limits=False) as gateway:
        case = await a_case(gateway)
        async with gateway.services.db.writing() as session:
            await session.execute(update(CaseRow).where(CaseRow.id == case.id).values(contact_phone="13800000000"))
        assert (await rate(gateway, case, {"score": 5, "comment": "谢谢"}))["errors"] == []
    both: dict[str, Any] = {"serve_mocks": False, "dispatcher": False, "encryption_keys": [new, old]}
    await rotate(Settings(data_dir=tmp_path, digest_key="d" * 48, **both))

    async with gateway_in_process(tmp_path, encryption_keys=[new], digest_key="d" * 48, rate_limits=False) as gateway:
        async with gateway.services.db.reading() as session:
            phone = await session.scalar(select(CaseRow.contact_phone).where(CaseRow.id == case.id))
        assert phone == "13800000000"
        shown = await rate(gateway, case, {"score": 1}, who=FAMILY)
        assert [e["code"] for e in shown["errors"]] == ["ALREADY_RATED"]
        ratings = (await gateway.graphql("{ ratings { comment } }", token=gateway.token(Role.ADMIN, "ops"))).json()
    assert ratings["data"]["ratings"] == [{"comment": "谢谢"}]
