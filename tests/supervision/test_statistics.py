"""Supervision statistics against a hand count over cases seeded straight into the store, with
known deadlines and completion days (working days of November 2026: 2–6 and 9–13 are working days,
7–8 a weekend). The clock says 1 December 2026."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from adapters.kinds import Agency, ItemKind
from gateway.security.tokens import Role
from gateway.store.dates import china_day
from gateway.store.family_rows import AgencyScoreRow, RatingRow
from gateway.store.models import CaseRow, ItemRow
from tests.support.inprocess import InProcess
from tests.support.rows import case_row, item_row

STATISTICS = """query($from: Date!, $to: Date!, $by: StatisticsGroupBy!) {
  statistics(from: $from, to: $to, groupBy: $by) {
    key suppressed casesReceived casesFinished itemsOnTime itemsLate medianWorkingDays p90WorkingDays
    itemsOverdue topRejectionReasons { reason count } averageRating ratingCount } }"""
NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}
HUKOU, POLICE = ItemKind.HUKOU_CANCELLATION, Agency.PUBLIC_SECURITY
DEADLINE = date(2026, 11, 6)  # four working days after Monday 2 November


def at(day: int, hour: int = 10, month: int = 11) -> datetime:
    """`hour` o'clock in China on that day of November 2026."""
    return (
        datetime(2026, month, day, hour - 8, tzinfo=UTC)
        if hour >= 8
        else datetime(2026, month, day - 1, hour + 16, tzinfo=UTC)
    )


def done(case: CaseRow, day: int, hour: int = 10, sent: datetime | None = None) -> ItemRow:
    return item_row(
        case, HUKOU, POLICE, "COMPLETED", dispatched_at=sent or at(2), deadline=DEADLINE, updated_at=at(day, hour)
    )


async def seed(gateway: InProcess) -> None:
    """640104: six cases in November (and one in October, out of range); 640105: two; 640205: five."""
    yinchuan = [
        case_row("640104", at(2 + n), s)
        for n, s in enumerate(["COMPLETED"] * 4 + ["PARTIALLY_COMPLETED", "IN_PROGRESS"])
    ]
    c1, c2, c3, c4, c5, c6 = yinchuan
    october = case_row("640104", at(15, month=10), "COMPLETED")
    xingqing = [case_row("640105", at(3), "COMPLETED") for _ in range(2)]
    shizuishan = [case_row("640205", at(4), "COMPLETED") for _ in range(5)]
    items = [
        done(c1, 3, sent=at(2, hour=0)),  # sent 00:00 Monday in China (Sunday in UTC): 1 working day
        done(c2, 4),  # 2 working days
        done(c3, 6, hour=7),  # 4, on the deadline day itself (still the 5th in UTC): on time
        done(c4, 9),  # 5: late
        done(c5, 11),  # 7: late
        item_row(c5, ItemKind.FUNERAL_GRANT, Agency.HRSS, "REJECTED", dispatched_at=at(2), rejection_reason="材料不全"),
        item_row(c6, HUKOU, POLICE, "DISPATCHED", dispatched_at=at(2), deadline=DEADLINE),  # overdue now
        item_row(c6, ItemKind.FUNERAL_GRANT, Agency.HRSS, "REJECTED", dispatched_at=at(2), rejection_reason="材料不全"),
        item_row(
            c6,
            ItemKind.PENSION_ACCOUNT_REFUND,
            Agency.HRSS,
            "REJECTED",
            dispatched_at=at(2),
            rejection_reason="户籍信息不符",
        ),
        item_row(c6, ItemKind.BURIAL_CERTIFICATE, Agency.CIVIL_AFFAIRS, "WAITING"),  # never reached its agency
        done(october, 20, sent=at(16, month=10)),
        *(done(c, 3) for c in xingqing),  # 1 working day each
        *(done(c, 13) for c in shizuishan),  # 9 working days each: late
    ]
    ratings = [RatingRow(id=f"r{n}", case_id=c.id, region_code="640104", score=s, rated_at=at(20))
               for n, (c, s) in enumerate([(c1, 5), (c2, 4), (c3, 2)])]  # fmt: skip
    scores = [AgencyScoreRow(rating_id="r0", case_id=c1.id, agency=POLICE.value, score=3),
              AgencyScoreRow(rating_id="r1", case_id=c2.id, agency=POLICE.value, score=5)]  # fmt: skip
    async with gateway.services.db.writing() as session:
        for rows in ([*yinchuan, october, *xingqing, *shizuishan], items, ratings, scores):
            session.add_all(rows)
            await session.flush()


async def statistics(gateway: InProcess, token: str, by: str, period: dict[str, str] = NOVEMBER) -> Any:
    return (await gateway.graphql(STATISTICS, {**period, "by": by}, token)).json()


def figures(answer: Any) -> dict[str, dict[str, Any]]:
    return {g["key"]: g for g in answer["data"]["statistics"]}


SUPPRESSED = {
    "suppressed": True, "casesReceived": None, "casesFinished": None, "itemsOnTime": None, "itemsLate": None,
    "medianWorkingDays": None, "p90WorkingDays": None, "itemsOverdue": None, "topRejectionReasons": None,
    "averageRating": None, "ratingCount": None,
}  # fmt: skip


async def test_statistics_per_county_match_a_hand_count_and_small_counties_are_suppressed(gateway: InProcess) -> None:
    await seed(gateway)
    groups = figures(await statistics(gateway, gateway.token(Role.ADMIN, "ops"), "REGION"))
    assert set(groups) == {"640104", "640105", "640205"}
    assert groups["640104"] == {
        "key": "640104", "suppressed": False, "casesReceived": 6, "casesFinished": 5,
        "itemsOnTime": 3, "itemsLate": 2,  # done after 1, 2, 4 | 5, 7 working days against a limit of 4
        "medianWorkingDays": 4, "p90WorkingDays": 7,  # nearest rank over 1, 2, 4, 5, 7
        "itemsOverdue": 1,
        "topRejectionReasons": [{"reason": "材料不全", "count": 2}, {"reason": "户籍信息不符", "count": 1}],
        "averageRating": (5 + 4 + 2) / 3, "ratingCount": 3,
    }  # fmt: skip
    assert groups["640105"] == {"key": "640105", **SUPPRESSED}  # two cases: a family could be recognised
    assert groups["640205"]["casesReceived"] == 5
    assert (groups["640205"]["itemsLate"], groups["640205"]["medianWorkingDays"]) == (5, 9)


async def test_statistics_per_agency_match_a_hand_count_within_the_supervisors_region(gateway: InProcess) -> None:
    await seed(gateway)
    groups = figures(await statistics(gateway, gateway.token(Role.SUPERVISOR, "sup", region="6401"), "AGENCY"))
    # The civil-affairs item never reached its agency: no group. HRSS reached two cases: suppressed.
    assert set(groups) == {"PUBLIC_SECURITY", "HRSS"}
    assert groups["HRSS"] == {"key": "HRSS", **SUPPRESSED}
    assert groups["PUBLIC_SECURITY"] == {
        "key": "PUBLIC_SECURITY", "suppressed": False,
        "casesReceived": 8, "casesFinished": 7,  # six of 640104 (five finished) and two of 640105
        "itemsOnTime": 5, "itemsLate": 2,
        "medianWorkingDays": 2, "p90WorkingDays": 7,  # 1, 1, 1, 2, 4, 5, 7
        "itemsOverdue": 1, "topRejectionReasons": [],
        "averageRating": 4.0, "ratingCount": 2,
    }  # fmt: skip


async def test_a_supervisor_counts_only_their_own_region_and_other_roles_are_refused(gateway: InProcess) -> None:
    await seed(gateway)
    province = figures(await statistics(gateway, gateway.token(Role.SUPERVISOR, "nx", region="64"), "REGION"))
    shizuishan = figures(await statistics(gateway, gateway.token(Role.SUPERVISOR, "szs", region="6402"), "REGION"))
    yinchuan = figures(await statistics(gateway, gateway.token(Role.SUPERVISOR, "yc", region="6401"), "REGION"))
    assert set(province) == {"640104", "640105", "640205"}
    assert set(shizuishan) == {"640205"}
    assert set(yinchuan) == {"640104", "640105"}
    assert shizuishan["640205"] == province["640205"]
    by_agency = figures(await statistics(gateway, gateway.token(Role.SUPERVISOR, "szs", region="6402"), "AGENCY"))
    assert by_agency["PUBLIC_SECURITY"]["casesReceived"] == 5  # Yinchuan's eight are not counted

    for token in (
        gateway.token(Role.CLERK, "staff", region="6401"),
        gateway.token(Role.APPLICANT, "640104197506220337"),
    ):
        assert (await statistics(gateway, token, "REGION"))["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_range_that_ends_before_it_starts_is_refused_naming_to(gateway: InProcess) -> None:
    answer = await statistics(
        gateway, gateway.token(Role.ADMIN, "ops"), "REGION", {"from": "2026-11-30", "to": "2026-11-01"}
    )
    assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert answer["errors"][0]["extensions"]["field"] == "to"


async def test_days_are_counted_in_china_not_in_utc(gateway: InProcess) -> None:
    """Sent at 00:30 on Monday in China is Sunday in UTC; done at 07:00 on Friday is Thursday in UTC."""
    case = case_row("640104", at(2), "COMPLETED")
    item = item_row(case, HUKOU, POLICE, "COMPLETED", dispatched_at=at(2, hour=0), updated_at=at(6, hour=7))
    async with gateway.services.db.writing() as session:
        session.add(case)
        await session.flush()
        session.add(item)
    query = select(china_day(ItemRow.dispatched_at), china_day(ItemRow.updated_at))
    async with gateway.services.db.reading() as session:
        assert tuple((await session.execute(query)).one()) == (date(2026, 11, 2), date(2026, 11, 6))
