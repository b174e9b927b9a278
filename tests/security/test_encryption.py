"""Personal data is sealed at rest; look-ups go through keyed digests; keys rotate."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet, MultiFernet
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from gateway.__main__ import rotate
from gateway.cases.applications import submit
from gateway.errors import Refused
from gateway.ids import to_global
from gateway.security.crypto import Keyring, SealError
from gateway.security.tokens import Role
from gateway.settings import Settings
from tests.security.production import production
from tests.security.world import ACCOUNT_A, ADMIN, APPLICANT_1, DECEASED_A, PHONE_A, World, person, world_in
from tests.support.cases import form_of
from tests.support.inprocess import gateway_in_process

RAW = text(
    "SELECT applicant_id_number, deceased_id_number, applicant_phone, payout_account_number,"
    " applicant_id_digest, deceased_id_digest, submitted_by FROM cases WHERE id = :id"
)


async def raw_row(world: World) -> tuple[str, ...]:
    async with world.services.db.reading() as session:
        return tuple((await session.execute(RAW, {"id": world.case_a.id})).one())


async def test_stored_values_are_ciphertext_and_digests(world: World) -> None:
    row = await raw_row(world)
    assert not {DECEASED_A, APPLICANT_1, PHONE_A, ACCOUNT_A} & set(row)
    assert not any(APPLICANT_1 in value for value in row)  # not even as submitted_by
    keyring = world.services.db.keyring
    assert [keyring.decrypt(v) for v in row[:4]] == [APPLICANT_1, DECEASED_A, PHONE_A, ACCOUNT_A]
    assert row[4:6] == (keyring.digest(APPLICANT_1), keyring.digest(DECEASED_A))


async def test_the_database_file_holds_no_plaintext_number(world: World, tmp_path: Path) -> None:
    await world.services.db.engine.dispose()  # flush the WAL into the file
    blob = b"".join(p.read_bytes() for p in tmp_path.glob("gateway.sqlite3*"))  # noqa: ASYNC240 - a test, after the app is idle
    assert not [s for s in (DECEASED_A, APPLICANT_1, PHONE_A, ACCOUNT_A) if s.encode() in blob]


async def test_duplicate_case_is_found_through_the_digest(world: World) -> None:
    with pytest.raises(Refused) as refused:
        await submit(world.services, ADMIN, form_of(person(DECEASED_A)), None)
    assert refused.value.problems[0].code == "DUPLICATE_CASE"


async def test_digests_are_keyed_not_plain_hashes() -> None:
    one, other = (
        Keyring.of([Fernet.generate_key().decode()], "k1" * 20),
        Keyring.of([Fernet.generate_key().decode()], "k2" * 20),
    )
    assert one.digest(DECEASED_A) != other.digest(DECEASED_A)


async def stored_deceased_id(url: str, case_id: str) -> str:
    engine = create_async_engine(url)
    async with engine.connect() as connection:
        query = text("SELECT deceased_id_number FROM cases WHERE id = :id")
        stored: str = (await connection.execute(query, {"id": case_id})).scalar_one()
    await engine.dispose()
    return stored


async def test_rotation_reseals_under_the_new_keys_and_the_old_ones_can_go(tmp_path: Path) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    old_digest, new_digest = "d" * 48, "e" * 48
    async with world_in(tmp_path, encryption_keys=[old], digest_key=old_digest, rate_limits=False) as w:
        case_id = w.case_a.id
    both: dict[str, Any] = {
        "serve_mocks": False,
        "dispatcher": False,
        "encryption_keys": [new, old],
        "digest_key": new_digest,
    }
    assert await rotate(Settings(data_dir=tmp_path, **both)) == 4  # two cases and their documents

    stored = await stored_deceased_id(Settings(data_dir=tmp_path).effective_database_url, case_id)
    assert Keyring.of([new], new_digest).decrypt(stored) == DECEASED_A
    with pytest.raises(SealError):
        Keyring.of([old], old_digest).decrypt(stored)
    async with gateway_in_process(tmp_path, encryption_keys=[new], digest_key=new_digest, rate_limits=False) as g:
        family = g.token(Role.APPLICANT, APPLICANT_1)
        body = (await g.graphql("{ cases(first: 5) { edges { node { id } } } }", token=family)).json()
        one = f'{{ case(id: "{to_global("Case", case_id)}") {{ reference items {{ kind }} }} }}'
        read = (await g.graphql(one, token=family)).json()  # from the case's document
    assert [e["node"]["id"] for e in body["data"]["cases"]["edges"]] == [to_global("Case", case_id)]
    assert "errors" not in read and read["data"]["case"]["items"]


def test_production_refuses_to_start_without_real_keys() -> None:
    with pytest.raises(ValidationError, match="ENCRYPTION_KEYS"):
        Settings(**production(encryption_keys=[]))
    with pytest.raises(ValidationError, match="DIGEST_KEY"):
        Settings(**production(digest_key=""))
    with pytest.raises(ValidationError, match="not a Fernet key"):
        Settings(**production(encryption_keys=["short"]))
    secret = secrets.token_urlsafe(48)
    with pytest.raises(ValidationError, match="must differ"):
        Settings(**production(jwt_secret=secret, digest_key=secret))
    Settings(**production())


def test_a_sealed_value_is_opened_once_per_keyring_and_a_key_taken_away_still_refuses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    both = Keyring.of([new, old], "digest")
    sealed = Keyring.of([old], "digest").encrypt(DECEASED_A)
    opened: list[bytes] = []
    real = MultiFernet.decrypt

    def counted(self: MultiFernet, token: bytes, ttl: int | None = None) -> bytes:
        opened.append(token)
        return real(self, token, ttl)

    monkeypatch.setattr(MultiFernet, "decrypt", counted)
    assert [both.decrypt(sealed) for _ in range(3)] == [DECEASED_A] * 3
    assert len(opened) == 1  # remembered: a status read opens the same tokens on every read
    for _ in range(2):  # a keyring without the old key refuses every time: a refusal is not remembered
        with pytest.raises(SealError):
            Keyring.of([new], "digest").decrypt(sealed)
    with pytest.raises(SealError):
        both.decrypt(sealed[:-4] + "AAAA")
