"""Per-request context: who is asking, the services, and DataLoaders made fresh for this request."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any, Generic, TypeVar

from graphql import DocumentNode
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from gateway.cases import reads
from gateway.clock import china_date
from gateway.security.tokens import Principal
from gateway.services import Services
from gateway.store.case_documents import CaseDocument
from gateway.store.family_rows import MaterialRow
from gateway.store.records import CaseRecord, CertificateRecord, EventRecord, ItemRecord
from schema.accounting import record_case

T = TypeVar("T")


@dataclass(frozen=True)
class Part(Generic[T]):
    """One part of the cases a request reads (their items, certificates or timelines), loaded with
    the other parts asked for in the same turn (`reads.contents`)."""

    contents: DataLoader[tuple[str, str], list[Any]]
    name: str

    def load(self, case_id: str) -> Awaitable[list[T]]:
        return self.contents.load((self.name, case_id))


@dataclass
class Loaders:
    """What one request (or one subscription message) reads, read once."""

    today: date  # the day in China it is answered on: every item's `overdue` is judged on it
    cases: DataLoader[str, CaseRecord | None]
    items: Part[ItemRecord]
    certificates: Part[CertificateRecord]
    events: Part[EventRecord]
    materials: DataLoader[str, list[MaterialRow]]

    @classmethod
    def for_request(cls, services: Services) -> Loaders:
        db = services.db
        contents = DataLoader[tuple[str, str], list[Any]](partial(reads.contents, db))

        def read_with_case(document: CaseDocument) -> None:
            for part in reads.PARTS:
                contents.prime((part, document.case.id), getattr(document, part))

        return cls(
            today=china_date(services.clock()),
            cases=DataLoader(partial(reads.cases, db, on_document=read_with_case)),
            items=Part(contents, "items"),
            certificates=Part(contents, "certificates"),
            events=Part(contents, "events"),
            materials=DataLoader(partial(reads.materials, db)),
        )


@dataclass
class Context:
    services: Services
    principal: Principal | None
    request_id: str
    connection_params: dict[str, object] | None = None  # graphql-transport-ws connection_init payload
    document: DocumentNode | None = None  # parsed once at the edge (gateway/edge/preflight.py)
    address: str = "unknown"  # the client's, as the rate limiter counts it
    cases_read: dict[str, int] | None = None  # the preflight's: versions shown, for the response cache
    prepared_tried: bool = False  # the endpoint could not answer it prepared: the schema does not try again
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders.for_request(self.services)

    def saw_case(self, case_id: str, version: int | None = None) -> None:
        """A resolver returns something of this case: the access log counts it; a Case's version
        (given) is what a cached answer depends on."""
        record_case(case_id, version)


Info = StrawberryInfo[Context, None]
