"""Encryption at rest for personal data, and keyed digests for looking it up.

A stolen database file or backup must not hand over identity numbers, phones and bank accounts:
those columns hold Fernet tokens (AES-128-CBC + HMAC-SHA256). A column that is encrypted can no
longer be compared in SQL, so the values we look up by (identity numbers) also get a keyed
HMAC-SHA256 digest in a `*_digest` column; a plain hash would be brute-forced from the 18
characters' small space (region code, birth date, sequence) in minutes.

The keys belong to the engine, not to the module: `install(engine, keyring)` hangs the keyring on
the engine's dialect, which every TypeDecorator call receives. Two apps in one process (tests)
keep two keyrings; importing the models opens nothing.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import LargeBinary, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.types import TypeDecorator

DIALECT_ATTRIBUTE = "gateway_keyring"


class SealError(RuntimeError):
    """A value cannot be sealed or opened: no keyring on the engine, or no key that fits."""


@dataclass(frozen=True)
class Keyring:
    fernet: MultiFernet  # the first key encrypts; every key decrypts (rotation, docs/SECURITY.md)
    digest_key: bytes

    @classmethod
    def of(cls, encryption_keys: Sequence[str], digest_key: str) -> Keyring:
        if not encryption_keys or not digest_key:
            raise SealError("an encryption key and a digest key are required")
        return cls(MultiFernet([Fernet(k.encode()) for k in encryption_keys]), digest_key.encode())

    def encrypt(self, value: str) -> str:
        return self.fernet.encrypt(value.encode()).decode()

    def decrypt(self, token: str) -> str:
        return _opened(self.fernet, token)

    def seal_bytes(self, value: bytes) -> bytes:
        return self.fernet.encrypt(value)

    def open_bytes(self, token: bytes) -> bytes:
        try:
            return self.fernet.decrypt(token)
        except InvalidToken:
            raise SealError("stored value does not open with any configured encryption key") from None

    def rotate_bytes(self, token: bytes) -> bytes:
        try:
            return self.fernet.rotate(token)
        except InvalidToken:
            raise SealError("stored value does not open with any configured encryption key") from None

    def rotate(self, token: str) -> str:
        """Re-encrypt under the primary key without the plaintext leaving this call."""
        try:
            return self.fernet.rotate(token.encode()).decode()
        except InvalidToken:
            raise SealError("stored value does not open with any configured encryption key") from None

    def digest(self, value: str) -> str:
        return _digest(self.digest_key, value)


@lru_cache(maxsize=4096)
def _opened(fernet: MultiFernet, token: str) -> str:
    # Remembered: every status read opens the case's six sealed columns again, about 15 µs each
    # (HMAC, AES, base64), 3-4 % of a cold read. The plaintext kept here is no more exposed than
    # the keys that open every token in the database, which live in this process's memory too.
    try:
        return fernet.decrypt(token.encode()).decode()
    except InvalidToken:
        # Never echo the token or the value: say which key set failed, not what was stored.
        raise SealError("stored value does not open with any configured encryption key") from None


@lru_cache(maxsize=4096)
def _digest(key: bytes, value: str) -> str:
    # Remembered: a family's app digests the same identity number for every read it makes (the access log).
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def install(engine: AsyncEngine, keyring: Keyring) -> None:
    setattr(engine.sync_engine.dialect, DIALECT_ATTRIBUTE, keyring)


def keyring_of(dialect: Dialect) -> Keyring:
    keyring = getattr(dialect, DIALECT_ATTRIBUTE, None)
    if keyring is None:
        raise SealError("no keyring installed on this engine: build it with gateway.store.db.Database(engine, keyring)")
    return keyring  # type: ignore[no-any-return]


class Encrypted(TypeDecorator[str]):
    """A string stored as a Fernet token; plaintext exists only in memory."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else keyring_of(dialect).encrypt(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else keyring_of(dialect).decrypt(value)


class EncryptedBytes(TypeDecorator[bytes]):
    """Bytes (an uploaded paper) stored as a Fernet token: the file never reaches the disk in clear."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        return None if value is None else keyring_of(dialect).seal_bytes(value)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        return None if value is None else keyring_of(dialect).open_bytes(value)
