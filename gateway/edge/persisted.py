"""Persisted operations: an app sends the hash of a document instead of the document.

Automatic persisted queries (the `extensions.persistedQuery` protocol, version 1, that Apollo
Client's PersistedQueryLink and other clients speak, over POST or GET): a hash this process has not
seen is answered PERSISTED_QUERY_NOT_FOUND, and the client sends the document with its hash once;
the gateway keeps it (when the hash is the document's sha256) and from then on the hash is enough.
They are kept per process, in a bounded LRU: a miss costs a client one extra round trip, never a
wrong answer, so replicas need not share them.

Trusted documents, for production: GATEWAY_TRUSTED_DOCUMENTS_FILE names the manifest the app build
produced (Apollo's persisted-query manifest: {"format": "apollo-persisted-query-manifest",
"version": 1, "operations": [{"id": "<sha256>", "body": "...", ...}]}). Its documents are known
from the start; with GATEWAY_TRUSTED_DOCUMENTS_ONLY every other document is refused
(PERSISTED_QUERY_NOT_IN_LIST) and nothing new is learnt at run time.

The document found replaces the request's `query` here, before anything parses it, so what stands
behind (cost limits, rate limits, the response cache, the access log) treats a persisted operation
exactly like the same document sent in full.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import replace

from gateway.edge.graphql_request import GraphQLRequest, Problem, Refused, bad_request

EXTENSION = "persistedQuery"
# 200, as Apollo Server answers it: older clients take a 4xx here for "no persisted queries at all".
NOT_FOUND = Problem(
    200,
    "PERSISTED_QUERY_NOT_FOUND",
    "未找到该持久化查询，请连同 query 重新发送 (PersistedQueryNotFound: send the document with its hash once)",
)
NOT_IN_LIST = bad_request(
    "PERSISTED_QUERY_NOT_IN_LIST",
    "此处只执行应用发布时登记的查询，请升级应用 (only the app's registered operations run here)",
)
HASH_MISMATCH = bad_request(
    "PERSISTED_QUERY_HASH_MISMATCH",
    "persistedQuery.sha256Hash 与 query 的 SHA-256 不符 (the hash is not the sha256 of the query)",
)
BAD_EXTENSION = bad_request(
    "PERSISTED_QUERY_INVALID",
    '须为 {"version": 1, "sha256Hash": "<64 位十六进制>"} (persistedQuery: version 1 and a sha256Hash)',
)


def sha256_of(document: str) -> str:
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


class PersistedOperations:
    def __init__(self, trusted: Mapping[str, str], *, trusted_only: bool, max_entries: int = 1000) -> None:
        self._trusted, self._trusted_only, self._max = dict(trusted), trusted_only, max_entries
        self._learnt: OrderedDict[str, str] = OrderedDict()

    def resolve(self, request: GraphQLRequest) -> GraphQLRequest:
        """The request with its document; raises Refused when there is none it may run."""
        wanted = _hash_asked(request.extensions)
        if wanted is None:
            if self._trusted_only and sha256_of(request.query) not in self._trusted:
                raise Refused(NOT_IN_LIST)
            return request
        if not request.query:
            return replace(request, query=self._known(wanted))
        if sha256_of(request.query) != wanted:
            raise Refused(HASH_MISMATCH)
        if wanted not in self._trusted:
            self._learn(wanted, request.query)
        return request

    def allows(self, document: str) -> bool:
        """Whether a document sent in full may run (over the WebSocket too)."""
        return not self._trusted_only or sha256_of(document) in self._trusted

    def _known(self, wanted: str) -> str:
        if (document := self._trusted.get(wanted)) is not None:
            return document
        if self._trusted_only or (document := self._learnt.get(wanted)) is None:
            raise Refused(NOT_IN_LIST if self._trusted_only else NOT_FOUND)
        self._learnt.move_to_end(wanted)
        return document

    def _learn(self, wanted: str, document: str) -> None:
        if self._trusted_only:
            raise Refused(NOT_IN_LIST)
        self._learnt[wanted] = document
        self._learnt.move_to_end(wanted)
        while len(self._learnt) > self._max:
            self._learnt.popitem(last=False)


def _hash_asked(extensions: Mapping[str, object] | None) -> str | None:
    asked = (extensions or {}).get(EXTENSION)
    if asked is None:
        return None
    if not isinstance(asked, Mapping) or asked.get("version") != 1:
        raise Refused(BAD_EXTENSION)
    wanted = asked.get("sha256Hash")
    if not isinstance(wanted, str) or len(wanted) != 64 or any(c not in "0123456789abcdef" for c in wanted):
        raise Refused(BAD_EXTENSION)
    return wanted


def parse_manifest(content: object, path: str) -> dict[str, str]:
    """An Apollo persisted-query manifest, checked: every id is its body's sha256."""
    if not isinstance(content, Mapping) or content.get("format") != "apollo-persisted-query-manifest":
        raise ValueError(f'{path}: expected {{"format": "apollo-persisted-query-manifest", "operations": [...]}}')
    operations = content.get("operations")
    if not isinstance(operations, list):
        raise ValueError(f"{path}: `operations` must be a list")
    documents: dict[str, str] = {}
    for number, entry in enumerate(operations):
        body, wanted = (entry.get("body"), entry.get("id")) if isinstance(entry, Mapping) else (None, None)
        if not isinstance(body, str) or not isinstance(wanted, str):
            raise ValueError(f"{path}: operations[{number}] needs a string `id` and `body`")
        if sha256_of(body) != wanted:
            raise ValueError(f"{path}: operations[{number}]: `id` is not the sha256 of its `body`")
        documents[wanted] = body
    return documents
