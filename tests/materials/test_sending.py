"""Each agency is sent the papers its item needs, whole, and no other agency's."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

from adapters.agencies import housing_fund
from adapters.kinds import ItemKind
from gateway.dispatch.requests import materials_for
from gateway.store.family_rows import MaterialRow
from mocks.materials import handed_in, received, unproved_heir
from mocks.people import population
from tests.adapters.items import item_request
from tests.support import files


def row(kind: str, content: bytes) -> MaterialRow:
    digest = hashlib.sha256(content).hexdigest()
    return MaterialRow(
        id=kind, case_id="c", kind=kind, content_type="application/pdf", size=len(content), sha256=digest,
        content=content, uploaded_by="tests", uploaded_at=datetime.now(UTC),
    )  # fmt: skip


def test_an_item_is_sent_only_the_papers_its_guide_entry_lists() -> None:
    rows = [row("HOUSING_FUND_SEALING_CERTIFICATE", files.pdf("seal")), row("DRIVING_LICENCE_RETURN", files.pdf("dl"))]
    sent = materials_for(ItemKind.HOUSING_FUND_WITHDRAWAL, rows)
    assert [m.kind.value for m in sent] == ["HOUSING_FUND_SEALING_CERTIFICATE"]
    assert materials_for(ItemKind.SOCIAL_INSURANCE_SUSPENSION, rows) == ()


def test_the_housing_fund_receives_base64_content_with_its_digest() -> None:
    person = next(p for p in population() if p.housing_fund is not None)
    form = housing_fund.submit_call(item_request(person, ItemKind.HOUSING_FUND_WITHDRAWAL)).json or {}
    paper = next(m for m in form["materials"] if m["kind"] == "HOUSING_FUND_SEALING_CERTIFICATE")
    assert hashlib.sha256(base64.b64decode(paper["content"])).hexdigest() == paper["sha256"]
    assert paper["contentType"] == "application/pdf"


def test_a_paper_that_arrives_damaged_counts_as_missing() -> None:
    scan = files.pdf()
    whole = {"kind": "X", "contentType": "application/pdf", "sha256": hashlib.sha256(scan).hexdigest()}
    good = whole | {"content": base64.b64encode(scan).decode()}
    damaged = whole | {"content": base64.b64encode(scan[:-1]).decode()}
    assert received([good]) == {"X": scan}
    assert received([damaged]) == {}
    assert received([whole | {"content": "not base64!"}]) == {}
    assert received(None) == {}


def scan_of(kind: str) -> dict[str, str]:
    scan = files.pdf(kind)
    return {"kind": kind, "sha256": hashlib.sha256(scan).hexdigest(), "content": base64.b64encode(scan).decode()}


def test_an_heir_on_the_register_needs_no_proof_and_one_off_it_needs_it_whole() -> None:
    proof = scan_of("RELATIONSHIP_PROOF")
    assert unproved_heir(("640104A",), "640104A", None) is None
    assert unproved_heir(("640104A",), "640202B", [proof]) is None
    refusal = unproved_heir(("640104A",), "640202B", [proof | {"content": proof["content"][:-4]}])
    assert refusal is not None and "关系的证明材料" in refusal


def test_a_document_counts_as_handed_in_only_if_it_arrived_whole() -> None:
    card = scan_of("DECEASED_ID_CARD_RETURN")
    assert handed_in([card], "DECEASED_ID_CARD_RETURN")
    assert not handed_in([card | {"sha256": "0" * 64}], "DECEASED_ID_CARD_RETURN")
    assert not handed_in([], "DECEASED_ID_CARD_RETURN")
