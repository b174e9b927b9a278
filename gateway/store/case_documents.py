"""A case as one document: its record, items, certificates and timeline in one sealed value, read
by a status read in one primary-key SELECT instead of four statements (issue #13).

The document is a projection of the rows, never their replacement: it is rewritten from them in the
transaction of every change (`store`, a `Database.before_commit` hook), so a reader sees it and
the rows it came from commit together. Which cases a transaction changed is what `touch` says
(every change bumps the case's version) and, should a change ever forget to say it, what the flush
wrote (`_noticed`). A document is read only while its version is the case's, and only in the shape
this code writes (`SHAPE`: the records' fields and column types): a case with no such document is
read from its rows. So a missing or old document costs speed, never correctness.

The body is JSON, sealed with the keyring (`Keyring.seal_bound`) and bound to its case and version.
Values JSON has no type for are written as text and parsed back by their column's type, so a
record read here equals the record read from its rows (tests/store/test_case_documents.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from itertools import chain
from typing import Any, Generic, NamedTuple, TypeVar

import orjson
from sqlalchemy import JSON, Boolean, Date, Integer, String, any_, bindparam, delete, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from gateway.security.crypto import Encrypted, Keyring, SealError, keyring_of
from gateway.store import queries
from gateway.store.columns import Money, UTCDateTime
from gateway.store.models import CaseDocumentRow, CaseRow, CertificateRow, EventRow, ItemRow
from gateway.store.record_reads import ForAnyIds, OneCase, Reader
from gateway.store.records import RECORD_OF, CaseRecord, CertificateRecord, EventRecord, ItemRecord
from gateway.store.signals import SignallingSession

R = TypeVar("R")
logger = logging.getLogger(__name__)
Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]  # (to JSON, from JSON)
_CHANGED = "changed cases"  # the session's info: case ids its flushes wrote rows of
# The body's first byte: how the rest is read. orjson where it gives back exactly what was written;
# `json` for what orjson cannot hold (NaN, a whole number beyond 64 bits in an agency's result).
_ORJSON, _JSON = b"o", b"j"
_new_tuple: Callable[[type[Any], list[Any]], Any] = tuple.__new__


class CaseDocument(NamedTuple):
    case: CaseRecord
    items: list[ItemRecord]  # by kind, as Python orders them
    certificates: list[CertificateRecord]
    events: list[EventRecord]


def _codec(column_type: TypeEngine[Any]) -> Codec | None:
    """How a column's value goes into JSON and back; None where it is JSON already."""
    if isinstance(column_type, UTCDateTime):
        return datetime.isoformat, datetime.fromisoformat
    if isinstance(column_type, Money):
        return str, Decimal
    if isinstance(column_type, Date):
        return date.isoformat, date.fromisoformat
    if isinstance(column_type, String | Integer | Boolean | JSON | Encrypted):
        return None
    raise TypeError(f"no document codec for a {type(column_type).__name__} column")


class _Shape(Generic[R]):
    """A record as a JSON array of its fields, in order."""

    def __init__(self, record: type[R]) -> None:
        self.record = record
        columns = RECORD_OF[record].__table__.c
        fields: Sequence[str] = record._fields  # type: ignore[attr-defined]
        codecs = [(place, codec) for place, name in enumerate(fields) if (codec := _codec(columns[name].type))]
        self.encoders = tuple((place, codec[0]) for place, codec in codecs)
        self.decoders = tuple((place, codec[1]) for place, codec in codecs)
        self.width = len(fields)
        self.signature = f"{record.__name__}({','.join(f'{n}:{type(columns[n].type).__name__}' for n in fields)})"

    def dumped(self, record: R) -> list[Any]:
        values: list[Any] = list(record)  # type: ignore[call-overload]
        for place, encode in self.encoders:
            if values[place] is not None:
                values[place] = encode(values[place])
        return values

    def loaded(self, values: list[Any]) -> R:
        if len(values) != self.width:  # before decoding: a short one would fail there, less clearly
            raise ValueError(f"a {self.record.__name__} of {len(values)} fields, not {self.width}")
        for place, decode in self.decoders:
            if values[place] is not None:
                values[place] = decode(values[place])
        # What NamedTuple's _make does, without its Python-level call: a status read makes 80 records.
        record: R = _new_tuple(self.record, values)
        return record


_CASE, _ITEM, _CERTIFICATE, _EVENT = (
    _Shape(CaseRecord),
    _Shape(ItemRecord),
    _Shape(CertificateRecord),
    _Shape(EventRecord),
)
# A document written for other fields or types than these is not read: its case is read from rows.
SHAPE = hashlib.sha256(";".join(s.signature for s in (_CASE, _ITEM, _CERTIFICATE, _EVENT)).encode()).hexdigest()[:16]

# The documents as new as their cases: (case id, version, body).
_CURRENT = (
    select(CaseDocumentRow.case_id, CaseDocumentRow.version, CaseDocumentRow.body)
    .join(CaseRow, CaseRow.id == CaseDocumentRow.case_id)
    .where(CaseDocumentRow.version == CaseRow.version)
)
_READ = OneCase(_CURRENT.where(CaseDocumentRow.case_id == bindparam("id")))
_IN = _CURRENT.where(CaseDocumentRow.case_id.in_(bindparam("ids", expanding=True)))
_ANY = ForAnyIds(_CURRENT.where(CaseDocumentRow.case_id == any_(bindparam("ids", type_=ARRAY(String)))))


def encoded(document: CaseDocument) -> bytes:
    payload = {
        "shape": SHAPE,
        "case": _CASE.dumped(document.case),
        "items": [_ITEM.dumped(r) for r in document.items],
        "certificates": [_CERTIFICATE.dumped(r) for r in document.certificates],
        "events": [_EVENT.dumped(r) for r in document.events],
    }
    try:
        fast = orjson.dumps(payload)
        if orjson.loads(fast) == payload:
            return _ORJSON + fast
    except orjson.JSONEncodeError:
        pass
    # ASCII: a lone surrogate an agency's JSON carried in would not encode as UTF-8.
    return _JSON + json.dumps(payload, separators=(",", ":")).encode()


def decoded(body: bytes) -> CaseDocument | None:
    """The document, or None where it was written in another shape than this code reads."""
    data = orjson.loads(body[1:]) if body[:1] == _ORJSON else json.loads(body[1:].decode())
    if data.get("shape") != SHAPE:
        return None
    return CaseDocument(
        _CASE.loaded(data["case"]),
        [_ITEM.loaded(r) for r in data["items"]],
        [_CERTIFICATE.loaded(r) for r in data["certificates"]],
        [_EVENT.loaded(r) for r in data["events"]],
    )


async def read(reader: Reader, keyring: Keyring, case_id: str) -> CaseDocument | None:
    """The case's document where it is current and in this shape; None sends the caller to its rows."""
    rows = await _READ.rows(reader, case_id)
    return opened(keyring, *rows[0]) if rows else None


async def sealed(connection: AsyncConnection, ids: Sequence[str]) -> dict[str, tuple[int, bytes]]:
    """Several cases' current documents in one statement, as stored: {case id: (version, body)}."""
    if connection.dialect.name == "postgresql":
        rows: Sequence[Sequence[Any]] = await _ANY.rows(connection, ids)
    else:
        rows = list(await connection.execute(_IN, {"ids": list(ids)}))
    return {case_id: (version, bytes(body)) for case_id, version, body in rows}


def opened(keyring: Keyring, case_id: str, version: int, body: bytes) -> CaseDocument | None:
    return decoded(keyring.open_bound(bytes(body), _bound(case_id, version)))


def rotated_body(keyring: Keyring, case_id: str, version: int, body: object) -> bytes:
    """A stored body sealed anew under the primary key (gateway/security/rotation.py)."""
    return keyring.rotate_bound(bytes(body), _bound(case_id, version))  # type: ignore[call-overload]


def _bound(case_id: str, version: int) -> bytes:
    """What a body is sealed to: a body moved to another case, or an old one put back, does not open."""
    return f"{case_id}@{version}".encode()


async def from_rows(session: AsyncSession, case_id: str) -> CaseDocument | None:
    ids = [case_id]
    case = (await queries.cases_by_ids(session, ids)).get(case_id)
    if case is None:
        return None
    items = (await queries.items_by_case_ids(session, ids)).get(case_id, [])
    certificates = (await queries.certificates_by_case_ids(session, ids)).get(case_id, [])
    events = (await queries.events_by_case_ids(session, ids)).get(case_id, [])
    return CaseDocument(case, items, certificates, events)


async def store(session: AsyncSession, touched: dict[str, int]) -> None:
    """Before commit: the document of every case this transaction changed, rewritten from its rows."""
    changed: set[str] = session.info.pop(_CHANGED, set())
    for case_id in sorted(changed.union(touched)):
        document = await from_rows(session, case_id)
        if document is None:
            continue
        try:
            statement = _upsert(session, document)
        except (TypeError, ValueError, SealError):
            # A fault of ours, not the family's: their change commits, and the case is read from its rows.
            logger.exception("case %s: its document could not be written, so it is removed", case_id)
            statement = delete(CaseDocumentRow).where(CaseDocumentRow.case_id == case_id)
        await session.execute(statement)


def _upsert(session: AsyncSession, document: CaseDocument) -> Any:
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    case = document.case
    body = keyring_of(session.get_bind().dialect).seal_bound(encoded(document), _bound(case.id, case.version))
    statement = insert(CaseDocumentRow).values(case_id=case.id, version=case.version, body=body)
    # Writers to one case take turns (queries.lock_case), so this only guards against an older
    # version, written by a transaction that committed later, replacing a newer one.
    return statement.on_conflict_do_update(
        index_elements=[CaseDocumentRow.case_id],
        set_={"version": statement.excluded.version, "body": statement.excluded.body},
        where=CaseDocumentRow.version <= statement.excluded.version,
    )


def _case_ids(rows: Iterable[object]) -> Iterable[str]:
    for row in rows:
        if isinstance(row, CaseRow):
            yield row.id
        elif isinstance(row, ItemRow | CertificateRow | EventRow):
            yield row.case_id


@event.listens_for(SignallingSession, "after_flush")
def _noticed(session: Session, _context: Any) -> None:
    """The cases whose rows a flush wrote: still listed as new, dirty or deleted after the flush,
    with the ids the INSERTs gave them."""
    changed = set(_case_ids(chain(session.new, session.dirty, session.deleted)))
    if changed:
        session.info.setdefault(_CHANGED, set()).update(changed)
