"""Uploads as a client sends them: the GraphQL multipart request specification, over HTTP."""

from __future__ import annotations

import json
from typing import Any

import httpx

ATTACH = """mutation($id: ID!, $kind: MaterialKind!, $file: Upload!) {
  attachMaterial(caseId: $id, kind: $kind, file: $file) {
    material { id kind contentType size }
    case { materials { kind contentType size } missingMaterials }
    errors { field code message }
  }
}"""
PREFLIGHT = {"GraphQL-Preflight": "1"}


async def attach(
    http: httpx.AsyncClient,
    token: str | None,
    case_id: str,
    kind: str,
    files: list[tuple[str, bytes, str]],
    *,
    preflight: bool = True,
    url: str = "/graphql",
) -> httpx.Response:
    """POST attachMaterial with `files` (name, bytes, declared type); the first goes to $file."""
    operations = {"query": ATTACH, "variables": {"id": case_id, "kind": kind, "file": None}}
    files_map = {str(i): ["variables.file"] for i in range(len(files))}  # more than one: each in turn
    headers: dict[str, str] = (PREFLIGHT if preflight else {}) | ({"Authorization": f"Bearer {token}"} if token else {})
    parts: dict[str, Any] = {str(i): f for i, f in enumerate(files)}
    data = {"operations": json.dumps(operations), "map": json.dumps(files_map)}
    return await http.post(url, data=data, files=parts, headers=headers)


def payload(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["attachMaterial"]
    return result
