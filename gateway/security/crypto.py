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

import base64
import hashlib
import hmac
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
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
    aeads: tuple[AESGCM, ...] = ()  # one per encryption key, in its order: `seal_bound`

    @classmethod
    def of(cls, encryption_keys: Sequence[str], digest_key: str) -> Keyring:
        if not encryption_keys or not digest_key:
            raise SealError("an encryption key and a digest key are required")
        fernets = [Fernet(k.encode()) for k in encryption_keys]
        aeads = tuple(AESGCM(_derived(k)) for k in encryption_keys)
        return cls(MultiFernet(fernets), digest_key.encode(), aeads)

    def seal_bound(self, value: bytes, bound_to: bytes) -> bytes:
        """AES-256-GCM under a key derived from the primary key, bound to `bound_to` (a row's key):
        for large values read often (a case's document), where Fernet's base64 and HMAC cost 90 µs
        for 25 KB and this 2. Bound, a sealed value moved to another row does not open."""
        if not self.aeads:
            raise SealError("no encryption key configured")
        nonce = os.urandom(_NONCE)
        return _BOUND + nonce + self.aeads[0].encrypt(nonce, value, bound_to)

    def open_bound(self, token: bytes, bound_to: bytes) -> bytes:
        if token[:1] == _BOUND:
            nonce, sealed = token[1 : 1 + _NONCE], token[1 + _NONCE :]
            for aead in self.aeads:
                try:
                    return aead.decrypt(nonce, sealed, bound_to)
                except InvalidTag:
                    continue
        raise SealError("stored value does not open with any configured encryption key")

    def rotate_bound(self, token: bytes, bound_to: bytes) -> bytes:
        return self.seal_bound(self.open_bound(token, bound_to), bound_to)

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


_BOUND, _NONCE = b"\x01", 12  # the format of a bound token: this byte, the nonce, AES-GCM's output


def _derived(fernet_key: str) -> bytes:
    """An AES-256 key of its own from a Fernet key: no key is used by two ciphers."""
    secret = base64.urlsafe_b64decode(fernet_key.encode())
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"gateway bound values v1").derive(secret)


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
