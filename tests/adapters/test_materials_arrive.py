"""Through the real adapters to the real mocks: an agency whose item needs a paper refuses the item
with that reason when the paper did not arrive (whole), and takes it once it did."""

from __future__ import annotations

import dataclasses
import itertools

import httpx
import pytest

from adapters.contract import Accepted, Completed, ItemRequest, MaterialData, Outcome, Rejected
from adapters.kinds import Agency, ItemKind, MaterialKind
from mocks.people import Person, population
from tests.adapters.items import item_request
from tests.adapters.test_agency_contract import client_for, settled

keys = (f"papers-{n}" for n in itertools.count())


def someone(where: str) -> Person:
    return next(p for p in population() if where in p.scenario)


async def sent(http: httpx.AsyncClient, agency: Agency, request: ItemRequest) -> Outcome:
    client = client_for(agency, http)
    return await settled(client, request.kind, await client.submit(request))


def without(request: ItemRequest, kind: MaterialKind) -> ItemRequest:
    return dataclasses.replace(request, materials=tuple(m for m in request.materials if m.kind != kind))


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
