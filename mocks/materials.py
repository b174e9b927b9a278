"""The papers an agency receives with an item (一套材料): each a base64 file with its sha256. An
agency counts a paper as received only if it decodes and its digest matches: one that arrived
damaged is as good as missing."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from typing import Any


def received(papers: Any) -> dict[str, bytes]:
    """Kind -> bytes, for each paper of the form's list of papers that arrived whole."""
    found: dict[str, bytes] = {}
    for paper in papers if isinstance(papers, list) else []:
        if not isinstance(paper, dict) or not isinstance(paper.get("content"), str):
            continue
        try:
            content = base64.b64decode(paper["content"], validate=True)
        except (binascii.Error, ValueError):
            continue
        if hashlib.sha256(content).hexdigest() == paper.get("sha256") and isinstance(paper.get("kind"), str):
            found[paper["kind"]] = content
    return found


def lacking(papers: Any, needed: Mapping[str, str]) -> str | None:
    """The agency's reason for refusing the item, if a paper it needs (kind -> reason) did not arrive
    whole; the first such, in the order the agency lists them."""
    arrived = received(papers)
    return next((reason for kind, reason in needed.items() if kind not in arrived), None)
