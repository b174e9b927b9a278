"""The mocks show which trace each request came from: the traceparent header it carried, per request."""

from __future__ import annotations

import httpx

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


async def test_each_request_is_listed_with_the_traceparent_it_carried(mocks_http: httpx.AsyncClient) -> None:
    await mocks_http.get("/renshe/health", headers={"traceparent": TRACEPARENT})
    await mocks_http.get("/gongan/health")

    assert (await mocks_http.get("/admin/traces")).json() == [
        {"agency": "HRSS", "idempotencyKey": None, "traceparent": TRACEPARENT},
        {"agency": "PUBLIC_SECURITY", "idempotencyKey": None, "traceparent": None},
    ]


async def test_a_reset_forgets_the_traces(mocks_http: httpx.AsyncClient) -> None:
    await mocks_http.get("/renshe/health", headers={"traceparent": TRACEPARENT})

    assert (await mocks_http.post("/admin/reset")).status_code == 204
    assert (await mocks_http.get("/admin/traces")).json() == []
