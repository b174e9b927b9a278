"""Idempotency: a repeated `Idempotency-Key` gets the first answer, and the work is done once."""

from __future__ import annotations

from typing import Any

import httpx

from mocks.people import population

VETERAN = next(p for p in population() if p.veteran)
APPLICANT = {"name": VETERAN.applicant.name, "idNumber": VETERAN.applicant.id_number}  # a relative on the register
SETTLEMENT = {
    "idNumber": VETERAN.id_number,
    "name": VETERAN.name,
    "deathCertificateNo": "YXZM-TEST",
    "applicant": APPLICANT,
}


async def settle(http: httpx.AsyncClient, key: str, form: dict[str, Any] = SETTLEMENT) -> httpx.Response:
    return await http.post("/tuiyi/settlements", json=form, headers={"Idempotency-Key": key})


async def ledger(http: httpx.AsyncClient) -> Any:
    return (await http.get("/admin/ledger")).json()


async def test_repeated_idempotency_key_returns_the_first_answer_and_is_applied_once(
    mocks_http: httpx.AsyncClient,
) -> None:
    answers = [await settle(mocks_http, "k-1") for _ in range(3)]

    assert len({answer.text for answer in answers}) == 1
    assert (await ledger(mocks_http)) == {
        "keys": {
            "k-1": {
                "agency": "VETERANS_AFFAIRS",
                "kind": "VETERAN_BENEFIT_SETTLEMENT",
                "idNumber": VETERAN.id_number,
                "applied": 1,
                "requests": 3,
                "papers": {},
            }
        },
        "applications": {"VETERANS_AFFAIRS": 1},
    }


async def test_different_keys_are_different_applications(mocks_http: httpx.AsyncClient) -> None:
    first, second = await settle(mocks_http, "k-1"), await settle(mocks_http, "k-2")

    assert first.json()["settlementNo"] != second.json()["settlementNo"]
    assert (await ledger(mocks_http))["applications"] == {"VETERANS_AFFAIRS": 2}


async def test_an_answer_garbled_in_transit_is_applied_once_and_replayed_intact(mocks_http: httpx.AsyncClient) -> None:
    await mocks_http.put("/admin/faults/VETERANS_AFFAIRS", json={"malformed": True})
    garbled = await settle(mocks_http, "k-1")
    await mocks_http.delete("/admin/faults/VETERANS_AFFAIRS")

    replayed = await settle(mocks_http, "k-1")

    assert not garbled.text.endswith("}")
    assert replayed.json()["status"] == "DONE"
    assert (await ledger(mocks_http))["keys"]["k-1"]["applied"] == 1


async def test_a_refusal_is_replayed_as_the_same_refusal(mocks_http: httpx.AsyncClient) -> None:
    unsigned = SETTLEMENT | {"deathCertificateNo": None}

    answers = [await settle(mocks_http, "k-1", unsigned) for _ in range(2)]

    assert [answer.status_code for answer in answers] == [400, 400]
    assert answers[0].json() == answers[1].json()


async def test_reset_forgets_the_ledger_and_the_filings(mocks_http: httpx.AsyncClient) -> None:
    reference = (await settle(mocks_http, "k-1")).json()["settlementNo"]

    await mocks_http.post("/admin/reset")

    assert (await ledger(mocks_http)) == {"keys": {}, "applications": {}}
    assert (await mocks_http.get(f"/tuiyi/settlements/{reference}")).status_code == 404
