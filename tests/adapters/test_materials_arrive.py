"""Through the real adapters to the real mocks: an agency whose item needs a paper refuses the item
with that reason when the paper did not arrive (whole), and takes it once it did; a document to be
handed back never holds a cancellation up, and the result says whether it came."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools

import httpx
import pytest

from adapters.contract import Accepted, Completed, ItemRequest, MaterialData, Outcome, Rejected
from adapters.kinds import Agency, ItemKind, MaterialKind
from mocks.people import Person, population
from mocks.people.idcard import id_number
from tests.adapters.items import item_request
from tests.adapters.test_agency_contract import KINDS, client_for, settled, suitable
from tests.support import files

keys = (f"papers-{n}" for n in itertools.count())
K, MK = ItemKind, MaterialKind
AGENCY_OF = {ItemKind(kind): agency for agency, kinds in KINDS.items() for kind in kinds}
NOT_ON_THE_REGISTER = id_number("640104", "19700101", 777)  # a specified person (特定关系人), no near relative


def someone(where: str) -> Person:
    return next(p for p in population() if where in p.scenario)


async def sent(http: httpx.AsyncClient, agency: Agency, request: ItemRequest) -> Outcome:
    client = client_for(agency, http)
    return await settled(client, request.kind, await client.submit(request))


def without(request: ItemRequest, kind: MaterialKind) -> ItemRequest:
    return dataclasses.replace(request, materials=tuple(m for m in request.materials if m.kind != kind))


def adding(request: ItemRequest, kind: MaterialKind) -> ItemRequest:
    scan = files.pdf(kind.value)
    paper = MaterialData(kind, "application/pdf", hashlib.sha256(scan).hexdigest(), scan)
    return dataclasses.replace(request, materials=(*request.materials, paper))


def again(request: ItemRequest) -> ItemRequest:
    return dataclasses.replace(request, idempotency_key=next(keys))


def damaged(request: ItemRequest, kind: MaterialKind) -> ItemRequest:
    def cut(m: MaterialData) -> MaterialData:
        return dataclasses.replace(m, content=m.content[:-1]) if m.kind == kind else m

    return dataclasses.replace(request, materials=tuple(cut(m) for m in request.materials))


@pytest.mark.parametrize("lose", [without, damaged], ids=["missing", "damaged-in-transit"])
async def test_the_notary_refuses_an_unregistered_heir_without_proof_of_the_relationship(
    mocks_http: httpx.AsyncClient, lose: object
) -> None:
    special = someone("特定关系人")
    assert special.applicant.id_number not in special.relatives
    request = item_request(special, ItemKind.WILL_NOTARY_CHECK, next(keys))
    assert MaterialKind.RELATIONSHIP_PROOF in {m.kind for m in request.materials}

    refused = await sent(mocks_http, Agency.JUSTICE, lose(request, MaterialKind.RELATIONSHIP_PROOF))  # type: ignore[operator]
    assert isinstance(refused, Rejected) and "关系的证明材料" in refused.reason
    proved = await sent(mocks_http, Agency.JUSTICE, dataclasses.replace(request, idempotency_key=next(keys)))
    assert isinstance(proved, Completed)


async def test_the_notary_needs_no_paper_from_an_heir_the_register_shows(mocks_http: httpx.AsyncClient) -> None:
    heir = someone("生前办理遗嘱公证；持有股权")
    request = without(item_request(heir, ItemKind.WILL_NOTARY_CHECK, next(keys)), MaterialKind.RELATIONSHIP_PROOF)
    outcome = await sent(mocks_http, Agency.JUSTICE, request)
    assert isinstance(outcome, Completed) and outcome.result.data["hasWill"] is True


async def test_the_housing_fund_refuses_without_the_sealing_certificate(mocks_http: httpx.AsyncClient) -> None:
    sealed = someone("青年在职职工医院死亡，未成年子女领取遗属待遇，公积金已封存")
    request = item_request(sealed, ItemKind.HOUSING_FUND_WITHDRAWAL, next(keys))
    refused = await sent(
        mocks_http, Agency.HOUSING_FUND, without(request, MaterialKind.HOUSING_FUND_SEALING_CERTIFICATE)
    )
    assert isinstance(refused, Rejected) and "封存证明" in refused.reason
    paid = await sent(mocks_http, Agency.HOUSING_FUND, dataclasses.replace(request, idempotency_key=next(keys)))
    assert isinstance(paid, (Accepted, Completed))


@pytest.mark.parametrize("lose", [without, damaged], ids=["missing", "damaged-in-transit"])
@pytest.mark.parametrize(
    ("kind", "paper", "reason"),
    [
        (K.GRAVE_USE_CERTIFICATE, MK.GRAVE_CONTRACT, "墓位购买（使用）合同"),
        (K.BURIAL_CERTIFICATE, MK.BURIAL_PLACE_STATEMENT, "安葬地点说明"),
    ],
    ids=str,
)
async def test_civil_affairs_refuses_a_certificate_without_its_paper_and_issues_it_with(
    mocks_http: httpx.AsyncClient, kind: ItemKind, paper: MaterialKind, reason: str, lose: object
) -> None:
    request = item_request(suitable(kind), kind, next(keys))

    refused = await sent(mocks_http, Agency.CIVIL_AFFAIRS, lose(request, paper))  # type: ignore[operator]
    issued = await sent(mocks_http, Agency.CIVIL_AFFAIRS, again(request))

    assert isinstance(refused, Rejected) and reason in refused.reason and "补充材料" in refused.reason
    assert isinstance(issued, Completed) and issued.certificate is not None


RETURNS = [
    (K.HUKOU_CANCELLATION, MK.DECEASED_ID_CARD_RETURN, "居民身份证已收回", "居民身份证未交回，已作废"),
    (K.DRIVING_LICENCE_CANCELLATION, MK.DRIVING_LICENCE_RETURN, "驾驶证已收回", "驾驶证未交回，已公告作废"),
    (K.DISABILITY_CERTIFICATE_CANCELLATION, MK.DISABILITY_CERTIFICATE_RETURN, "残疾人证已收回", "残疾人证未交回"),
    (K.VETERAN_BENEFIT_SETTLEMENT, MK.VETERAN_DOCUMENTS, "证件已收回", "证件未交回"),
]


@pytest.mark.parametrize(("kind", "paper", "back", "void"), RETURNS, ids=[str(r[0]) for r in RETURNS])
async def test_a_cancellation_goes_ahead_without_the_document_handed_back_and_says_whether_it_was(
    mocks_http: httpx.AsyncClient, kind: ItemKind, paper: MaterialKind, back: str, void: str
) -> None:
    request = without(item_request(suitable(kind), kind, next(keys)), paper)

    kept = await sent(mocks_http, AGENCY_OF[kind], request)
    handed = await sent(mocks_http, AGENCY_OF[kind], again(adding(request, paper)))

    assert isinstance(kept, Completed) and void in kept.result.summary and kept.result.data["returned"] is False
    assert isinstance(handed, Completed) and back in handed.result.summary and handed.result.data["returned"] is True


HEIRS_ONLY = [
    K.PENSION_ACCOUNT_REFUND, K.FUNERAL_GRANT, K.SURVIVOR_BENEFIT, K.MEDICAL_ACCOUNT_WITHDRAWAL,
    K.HOUSING_FUND_WITHDRAWAL, K.VETERAN_BENEFIT_SETTLEMENT, K.SMALL_DEPOSIT_WITHDRAWAL,
    K.EQUITY_REGISTRATION_QUERY, K.WILL_NOTARY_CHECK,
]  # fmt: skip


def by_an_unregistered_heir(request: ItemRequest) -> ItemRequest:
    applicant = dataclasses.replace(request.applicant, id_number=NOT_ON_THE_REGISTER, relationship="SPECIFIED_PERSON")
    return dataclasses.replace(request, applicant=applicant)


@pytest.mark.parametrize("kind", HEIRS_ONLY, ids=str)
async def test_money_or_an_answer_for_an_heir_the_register_does_not_show_needs_proof_of_the_relationship(
    mocks_http: httpx.AsyncClient, kind: ItemKind
) -> None:
    request = by_an_unregistered_heir(item_request(suitable(kind), kind, next(keys)))
    assert MK.RELATIONSHIP_PROOF in {m.kind for m in request.materials}

    refused = await sent(mocks_http, AGENCY_OF[kind], without(request, MK.RELATIONSHIP_PROOF))
    proved = await sent(mocks_http, AGENCY_OF[kind], again(request))

    assert isinstance(refused, Rejected) and "关系的证明材料" in refused.reason
    assert isinstance(proved, Completed), proved
