"""A GraphQL request sent as the GraphQL multipart request specification says (file uploads):
an `operations` part (the JSON request), a `map` part (which file goes to which variable), then
the files. Read once, at the edge, within the upload limits; every way it can be wrong is a 4xx
with a code and a message in 中文 (English).

https://github.com/jaydenseric/graphql-multipart-request-spec
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping
from typing import Any

from starlette.datastructures import FormData, Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from gateway.edge.graphql_request import GraphQLRequest, Problem, Refused, bad_request, request_of
from gateway.json_decoding import decode_json

MULTIPART = "multipart/form-data"
# A form a browser may send to any origin without asking first: a request carrying one of these
# headers could only come from a script its origin allows (a CORS preflight), so no CSRF.
PREFLIGHT_HEADERS = (b"graphql-preflight", b"apollo-require-preflight", b"x-apollo-operation-name")
# `operations` and `map` are JSON of a request: the non-file parts stay small.
MAX_FIELD_BYTES = 64 * 1024

CSRF = bad_request(
    "PREFLIGHT_HEADER_REQUIRED",
    "上传文件的 multipart 请求须带 GraphQL-Preflight: 1 请求头 "
    "(a multipart request must carry a GraphQL-Preflight header, against cross-site request forgery)",
)
INVALID = bad_request(
    "INVALID_MULTIPART", "multipart 请求格式不正确，须含 operations 与 map 两部分 (malformed multipart request)"
)
BAD_MAP = bad_request(
    "INVALID_MULTIPART_MAP",
    'map 须为 {"0": ["variables.file"]} 形式，每个文件对应已有的变量 (`map` must send each file to a variable)',
)


def is_multipart(content_type: str | None) -> bool:
    return (content_type or "").partition(";")[0].strip().lower() == MULTIPART


def too_many_files(limit: int) -> Problem:
    return bad_request("TOO_MANY_FILES", f"一次最多上传 {limit} 个文件 (at most {limit} files per request)")


def check_preflight_header(headers: Mapping[bytes, bytes]) -> None:
    if not any(headers.get(name, b"").strip() for name in PREFLIGHT_HEADERS):
        raise Refused(CSRF)


async def from_multipart(content_type: str, body: bytes, max_files: int) -> tuple[GraphQLRequest, FormData]:
    """The request with each mapped variable holding its file, and the form (its files to close)."""
    form = await _form(content_type, body, max_files)
    try:
        operations, files_map = _json_part(form, "operations"), _json_part(form, "map")
        if not isinstance(operations, dict):
            raise Refused(INVALID)
        if not isinstance(files_map, dict):
            raise Refused(BAD_MAP)
        for name, paths in files_map.items():
            upload = form.get(name)
            if not isinstance(upload, UploadFile) or not isinstance(paths, list) or not paths:
                raise Refused(BAD_MAP)
            for path in paths:
                _place(operations, path, upload)
        return request_of(operations), form
    except Refused:
        await form.close()
        raise


async def _form(content_type: str, body: bytes, max_files: int) -> FormData:
    async def stream() -> AsyncGenerator[bytes, None]:
        yield body

    parser = MultiPartParser(
        Headers({"content-type": content_type}),
        stream(),
        max_files=max_files,
        max_fields=2,  # operations and map; anything else has no place in the spec
        max_part_size=MAX_FIELD_BYTES,
    )
    try:
        return await parser.parse()
    except MultiPartException as exc:
        raise Refused(too_many_files(max_files) if str(exc).startswith("Too many files") else INVALID) from None


def _json_part(form: FormData, name: str) -> object:
    value = form.get(name)
    if not isinstance(value, str):
        raise Refused(INVALID)
    try:
        return decode_json(value)
    except ValueError:
        raise Refused(INVALID) from None


def _place(operations: dict[str, Any], path: object, upload: UploadFile) -> None:
    """Only into the variables, and only where the operations put a null for it (as the spec does)."""
    keys = path.split(".") if isinstance(path, str) else []
    if len(keys) < 2 or keys[0] != "variables":
        raise Refused(BAD_MAP)
    target: Any = operations
    for key in keys[:-1]:
        target = _step(target, key)
    last = keys[-1]
    if isinstance(target, dict) and last in target and target[last] is None:
        target[last] = upload
    elif isinstance(target, list) and last.isdigit() and int(last) < len(target) and target[int(last)] is None:
        target[int(last)] = upload
    else:
        raise Refused(BAD_MAP)


def _step(target: Any, key: str) -> Any:
    if isinstance(target, dict) and key in target:
        return target[key]
    if isinstance(target, list) and key.isdigit() and int(key) < len(target):
        return target[int(key)]
    raise Refused(BAD_MAP)
