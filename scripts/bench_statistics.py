"""Benchmark: the supervisors' `statistics` query over 100,000 cases on PostgreSQL.

    TEST_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test python -m scripts.bench_statistics

1. Creates a fresh database beside TEST_DATABASE_URL and migrates it (the gateway starts in process).
2. Seeds --cases cases (100,000) with --items items each (8: every status a case goes through,
   deadlines, completion days, rejection reasons) and ratings for a third of the finished ones,
   each table in one INSERT ... SELECT over generate_series; sealed columns hold one fixed sealed
   value (the aggregates never read them). Then ANALYZE.
3. Times `statistics` over the whole year, per county and per agency, as a supervisor of the
   province calls it (SQL aggregates, the calendar, the percentiles), against a bare
   `SELECT count(*) FROM cases` in the same run: the median of --runs each, and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics as stats
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from gateway.cases.statistics import GroupBy
from gateway.cases.statistics import statistics as statistics_of
from gateway.domain.catalogue import CATALOGUE
from gateway.security.tokens import Principal, Role
from tests.support.inprocess import gateway_in_process
from tests.support.postgres import fresh_database, postgres_url_or_skip

COUNTIES = ["640104", "640105", "640106", "640121", "640122", "640181", "640202", "640205", "640221", "640302",
            "640303", "640323", "640324", "640381", "640402", "640422", "640423", "640424", "640425", "640502",
            "640521", "640522"]  # fmt: skip
# Every item of the catalogue as (kind, agency); a case gets --items of them, spread over the agencies.
ITEMS = [(d.kind.value, d.agency.value) for d in CATALOGUE]
REASONS = ["材料不全", "户籍信息不符", "账户信息有误", "重复申请", "不符合领取条件"]

CASES = """
INSERT INTO cases (id, reference, status, channel, version, submitted_at, updated_at, submitted_by, submitter_role,
  request_fingerprint, region_code, registered_region_code, relationship_verified, applicant_id_number,
  applicant_id_digest, deceased_name, deceased_id_number, deceased_id_digest, death_date, death_place, death_type,
  died_in_medical_institution, disposal, applicant_name, applicant_phone, relationship, prepare_attempts)
SELECT 'case-' || i, 'NX-BENCH-' || i,
  CASE WHEN i % 10 < 7 THEN 'COMPLETED' WHEN i % 10 = 7 THEN 'PARTIALLY_COMPLETED' ELSE 'IN_PROGRESS' END,
  'APP', 1, s, s, 'bench', 'admin', 'f', (CAST(:counties AS text[]))[1 + i % :n_counties], (CAST(:counties AS text[]))[1 + i % :n_counties], true,
  :sealed_id, :digest, '逝者', :sealed_id, :digest, DATE '2025-12-31', '银川', 'NORMAL', true, 'CREMATION',
  '家属', :sealed_phone, 'CHILD', 0
FROM generate_series(1, :cases) AS i,
     LATERAL (SELECT TIMESTAMPTZ '2026-01-01 09:00+08' + ((i * 7919) % 334) * INTERVAL '1 day'
                     + (i % 600) * INTERVAL '1 minute' AS s) AS t
"""
ITEM_ROWS = """
INSERT INTO case_items (id, case_id, kind, agency, status, generation, dispatched_at, deadline, deadline_estimated,
  attempts, rejection_reason, updated_at)
SELECT 'item-' || i || '-' || j, 'case-' || i, (CAST(:kinds AS text[]))[j], (CAST(:agencies AS text[]))[j], st, 0,
  CASE WHEN st = 'NOT_APPLICABLE' THEN NULL ELSE sent END,
  CASE WHEN st = 'NOT_APPLICABLE' THEN NULL ELSE CAST(sent AT TIME ZONE 'Asia/Shanghai' AS DATE) + 9 END, false, 1,
  CASE WHEN st = 'REJECTED' THEN (CAST(:reasons AS text[]))[1 + (i + j) % :n_reasons] END,
  sent + ((i * 31 + j * 17) % 16) * INTERVAL '1 day'
FROM generate_series(1, :cases) AS i, generate_series(1, :items) AS j,
     LATERAL (SELECT TIMESTAMPTZ '2026-01-02 10:00+08' + ((i * 7919) % 334) * INTERVAL '1 day' AS sent,
                     CASE WHEN (i + j) % 5 = 0 THEN 'NOT_APPLICABLE'
                          WHEN i % 10 >= 8 AND j % 3 = 0 THEN 'DISPATCHED'
                          WHEN (i * j) % 13 = 0 THEN 'REJECTED'
                          ELSE 'COMPLETED' END AS st) AS t
"""
RATINGS = """
INSERT INTO ratings (id, case_id, region_code, score, comment, rated_at)
SELECT 'rating-' || id, id, registered_region_code, 1 + seq % 5, NULL, updated_at
FROM cases WHERE status IN ('COMPLETED', 'PARTIALLY_COMPLETED') AND seq % 3 = 0
"""
AGENCY_SCORES = """
INSERT INTO rating_agency_scores (rating_id, case_id, agency, score)
SELECT r.id, r.case_id, 'PUBLIC_SECURITY', 1 + (r.score + 1) % 5 FROM ratings r
"""


async def seed(db: Any, cases: int, items: int) -> float:
    keyring, started = db.keyring, time.perf_counter()
    chosen = ITEMS[:: max(1, len(ITEMS) // items)][:items]
    kinds, agencies = [k for k, _ in chosen], [a for _, a in chosen]
    values = {
        "counties": COUNTIES, "n_counties": len(COUNTIES), "cases": cases, "items": items, "kinds": kinds,
        "agencies": agencies, "reasons": REASONS, "n_reasons": len(REASONS),
        "sealed_id": keyring.encrypt("640104197506220337"), "digest": keyring.digest("640104197506220337"),
        "sealed_phone": keyring.encrypt("13954121870"),
    }  # fmt: skip
    async with db.engine.begin() as connection:
        for statement in (CASES, ITEM_ROWS, RATINGS, AGENCY_SCORES):
            await connection.execute(text(statement), values)
    async with db.engine.connect() as connection:
        await (await connection.execution_options(isolation_level="AUTOCOMMIT")).execute(text("ANALYZE"))
    return time.perf_counter() - started


async def median_seconds(work: Callable[[], Awaitable[object]], runs: int) -> float:
    await work()  # warm: plans cached, pages in memory, as on a running server
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        times.append(time.perf_counter() - started)
    return stats.median(times)


async def main(cases: int, items: int, runs: int) -> int:
    url = postgres_url_or_skip()
    with tempfile.TemporaryDirectory(prefix="bench-statistics-") as work:
        async with (
            fresh_database(url) as database,
            gateway_in_process(Path(work), database_url=database, access_log=False) as gateway,
        ):
            services = gateway.services
            seconds = await seed(services.db, cases, items)
            print(f"seeded {cases:,} cases, {cases * items:,} items in {seconds:.1f} s")
            supervisor = Principal(Role.SUPERVISOR, "bench", region="64")

            async def count() -> object:
                async with services.db.reading() as session:
                    return (await session.execute(text("SELECT count(*) FROM cases"))).scalar_one()

            baseline = await median_seconds(count, runs)
            print(f"SELECT count(*) FROM cases: {baseline * 1000:.1f} ms")
            for by in GroupBy:
                groups = await statistics_of(services, supervisor, date(2026, 1, 1), date(2026, 12, 31), by)

                async def query(by: GroupBy = by) -> object:
                    return await statistics_of(services, supervisor, date(2026, 1, 1), date(2026, 12, 31), by)

                took = await median_seconds(query, runs)
                print(f"statistics(groupBy: {by.value}): {took * 1000:.1f} ms, {len(groups)} groups, "
                      f"{took / baseline:.1f}x count(*)")  # fmt: skip
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=8, help=f"items per case, at most {len(ITEMS)}")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not 1 <= args.items <= len(ITEMS):
        parser.error(f"--items must be 1..{len(ITEMS)}")
    sys.exit(asyncio.run(main(args.cases, args.items, args.runs)))
