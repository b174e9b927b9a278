"""The papers an agency receives with an item (一套材料): each a base64 file with its sha256. An
agency counts a paper as received only if it decodes and its digest matches: one that arrived
damaged is as good as missing."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping, Sequence
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


def digests(papers: Any) -> dict[str, str]:
    """Kind -> sha256 of each paper that arrived whole: what the ledger shows a test."""
    return {kind: hashlib.sha256(content).hexdigest() for kind, content in received(papers).items()}


# Plan 二: a near relative or a specified related person applies; the police register (数据共享)
# shows the near relatives, and anyone else proves the relationship on paper (the guide's CLAIM and
# HEIR_QUERY list it). Every agency that pays an heir or answers one asks the same.
UNREGISTERED_HEIR_PAPERS = {
    "RELATIONSHIP_PROOF": "申请人不在逝者户籍登记的近亲属之列，缺少与逝者关系的证明材料，请补充材料后重新提交"
}


def unproved_heir(relatives: Sequence[str], applicant_id: Any, papers: Any) -> str | None:
    """The refusal of an heir the register does not show, who sent no (whole) proof of the relationship."""
    if applicant_id in relatives:
        return None
    return lacking(papers, UNREGISTERED_HEIR_PAPERS)


def handed_in(papers: Any, kind: str) -> bool:
    """Whether a document to be returned (an ID card, a licence) came with the form: the agency
    cancels it either way and records which: 方案二“证件注销” cancels on receipt of the death
    certificate, and the guide accepts a lost card explained or a licence declared void."""
    return kind in received(papers)
