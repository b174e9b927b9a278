"""Mutations and expensive queries are rate limited per caller and per address: 429, Retry-After."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gateway.edge.operation import operation_of, parse_document
from gateway.edge.ratelimit import Buckets, cost_of
from gateway.security.tokens import Role
from tests.support.inprocess import gateway_in_process

CASES = "{ cases(first: 1) { totalCount } }"


def test_a_bucket_refills_at_its_rate() -> None:
    now = [0.0]
    bucket = Buckets(per_minute=60, burst=2, clock=lambda: now[0])
    assert [bucket.take("k"), bucket.take("k")] == [0, 0]
    assert bucket.take("k") == 1.0
    now[0] = 1.0
    assert bucket.take("k") == 0 and bucket.take("other") == 0


def is_costly(query: str) -> bool:
    document = parse_document(query, 2000)
    return cost_of(operation_of(document, None) if document else None) > 0


def test_only_mutations_and_expensive_queries_cost() -> None:
    assert is_costly('mutation { withdrawApplication(caseId: "x", reason: "r") { errors { code } } }')
    assert is_costly(CASES) and is_costly('{ eligibility(deceasedIdNumber: "1") { items { kind } } }')
    assert is_costly('{ statistics(from: "2026-01-01", to: "2026-12-31", groupBy: AGENCY) { key } }')
    assert not is_costly("{ itemCatalogue { kind } }") and not is_costly("{ broken")


async def test_a_caller_over_the_limit_gets_429_with_retry_after(tmp_path: Path) -> None:
    settings: dict[str, Any] = {"rate_per_subject_per_minute": 6, "rate_burst_per_subject": 2}
    async with gateway_in_process(tmp_path, **settings) as gateway:
        clerk, other = (
            gateway.token(Role.CLERK, "staff-01", region="6401"),
            gateway.token(Role.CLERK, "staff-02", region="6402"),
        )
        statuses = [(await gateway.graphql(CASES, token=clerk)).status_code for _ in range(3)]
        refused = await gateway.graphql(CASES, token=clerk)
        assert statuses[:2] == [200, 200] and refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert (await gateway.graphql(CASES, token=other)).status_code == 200, "another caller has their own bucket"
        assert (await gateway.graphql("{ itemCatalogue { kind } }", token=clerk)).status_code == 200


async def test_an_address_over_the_limit_gets_429_whoever_it_claims_to_be(tmp_path: Path) -> None:
    settings: dict[str, Any] = {"rate_per_address_per_minute": 6, "rate_burst_per_address": 3}
    async with gateway_in_process(tmp_path, **settings) as gateway:
        tokens = [gateway.token(Role.CLERK, f"staff-{n}", region="6401") for n in range(4)]
        statuses = [(await gateway.graphql(CASES, token=t)).status_code for t in tokens]
    assert statuses == [200, 200, 200, 429]
