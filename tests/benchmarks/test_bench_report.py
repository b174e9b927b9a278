"""scripts/bench_report.py: wrk's output read into figures, and the ratios judged against issue #13's targets."""

from __future__ import annotations

import pytest

from scripts.bench_report import (
    CEILING,
    CEILING_H11,
    COLD,
    WARM,
    YOGA,
    Figures,
    first_difference,
    milliseconds,
    parse_wrk,
    ratios,
    round_ratios,
    typical,
)

WRK = """Running 10s test @ http://127.0.0.1:41234/graphql
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.31ms  120.55ms   1.04s    71.02%
    Req/Sec    77.81     20.11   121.00     68.00%
  Latency Distribution
     50%  401.12ms
     75%  480.00ms
     90%  560.00ms
     99%    1.04s
  778 requests in 10.01s, 14.80MB read
  Socket errors: connect 0, read 0, write 0, timeout 3
  Non-2xx or 3xx responses: 2
Requests/sec:     77.72
Transfer/sec:      1.48MB
"""


def figures(rps: float, non2xx: int = 0) -> Figures:
    return Figures(rps=rps, requests=1000, p50_ms=1.0, p99_ms=2.0, non2xx=non2xx, socket_errors=0)


def test_wrk_output_gives_rate_percentiles_and_both_kinds_of_error() -> None:
    assert parse_wrk(WRK) == Figures(rps=77.72, requests=778, p50_ms=401.12, p99_ms=1040.0, non2xx=2, socket_errors=3)


def test_a_clean_wrk_run_counts_no_errors() -> None:
    clean = "\n".join(line for line in WRK.splitlines() if "errors" not in line and "Non-2xx" not in line)
    assert (parse_wrk(clean).non2xx, parse_wrk(clean).socket_errors) == (0, 0)


def test_output_that_is_not_wrk_latency_output_is_refused() -> None:
    with pytest.raises(ValueError, match="not wrk --latency output"):
        parse_wrk("wrk: connection refused")


@pytest.mark.parametrize(
    ("value", "ms"), [("812.00us", 0.812), ("4.73ms", 4.73), ("1.04s", 1040.0), ("2.00m", 120_000.0)]
)
def test_every_wrk_latency_unit_becomes_milliseconds(value: str, ms: float) -> None:
    assert milliseconds(value) == pytest.approx(ms)


def test_each_target_is_judged_and_the_h11_ceiling_ratio_is_shown_beside_it() -> None:
    results = {WARM: figures(4000), COLD: figures(600), YOGA: figures(1000), CEILING: figures(10000),
               CEILING_H11: figures(5000)}  # fmt: skip
    cold, warm = ratios(results, {})
    assert cold.split()[3:] == ["0.600", "target", "≥", "0.5", "PASS"]
    assert warm.split()[3:] == ["0.400", "target", "≥", "0.4", "PASS", "(÷", "h11", "ceiling:", "0.800)"]


def test_a_ratio_under_its_target_is_below_and_errors_under_load_are_warned_of() -> None:
    results = {WARM: figures(100), COLD: figures(10, non2xx=5), YOGA: figures(1000), CEILING: figures(10000)}
    cold, warm, warning = ratios(results, {})
    assert cold.endswith("below") and warm.endswith("below")
    assert (
        warning
        == f"WARNING: {COLD}: 5 non-2xx and 0 socket errors in 1000 requests; its figures count only what was answered"
    )


def test_without_yoga_its_ratio_says_why_instead_of_a_figure() -> None:
    results = {WARM: figures(4000), COLD: figures(600), CEILING: figures(10000)}
    cold, _ = ratios(results, {YOGA: "node and npm are not installed"})
    assert "not measured: node and npm are not installed" in cold


def test_equal_answers_have_no_difference_and_unequal_ones_name_the_first_path() -> None:
    answer = {"case": {"items": [{"status": "COMPLETED", "result": {"amount": "1200.00"}}], "version": 9}}
    assert first_difference(answer, {"case": {"items": [{"status": "COMPLETED", "result": {"amount": "1200.00"}}],
                                              "version": 9}}) is None  # fmt: skip
    changed = {"case": {"items": [{"status": "COMPLETED", "result": {"amount": 1200}}], "version": 9}}
    assert first_difference(answer, changed) == "data.case.items[0].result.amount: '1200.00' ≠ 1200"
    assert first_difference(answer, {"case": {"items": [], "version": 9}}) == "data.case.items: 1 elements against 0"
    assert first_difference({"a": 1}, {"b": 1}) == "data.a: only in the first"
    assert first_difference({"a": 1}, {"a": 1.0}) == "data.a: 1 ≠ 1.0"
    assert first_difference({"a": 1, "b": 2}, {"b": 2, "a": 1}) == "data: the same fields in another order"


def test_each_row_is_shown_from_its_median_round() -> None:
    rounds = [
        {COLD: figures(900), YOGA: figures(2000)},
        {COLD: figures(700), YOGA: figures(1500)},
        {COLD: figures(800), YOGA: figures(2500)},
    ]
    assert typical(rounds) == {COLD: figures(800), YOGA: figures(2000)}


def test_of_two_rounds_the_slower_is_shown_and_a_row_missing_from_one_is_left_out() -> None:
    rounds = [{COLD: figures(900), YOGA: figures(2000)}, {COLD: figures(700)}]
    assert typical(rounds) == {COLD: figures(700)}


def test_every_rounds_ratios_are_listed() -> None:
    rounds = [
        {COLD: figures(900), YOGA: figures(2000), WARM: figures(8000), CEILING: figures(16000)},
        {COLD: figures(800), YOGA: figures(1600)},
    ]
    assert round_ratios(rounds) == ["round 1: cold ÷ yoga 0.450, warm ÷ ceiling 0.500", "round 2: cold ÷ yoga 0.500"]


def test_over_rounds_a_target_is_judged_by_the_median_of_each_rounds_own_ratio() -> None:
    rounds = [
        {COLD: figures(900), YOGA: figures(2000), WARM: figures(8000), CEILING: figures(16000)},
        {COLD: figures(800), YOGA: figures(1200), WARM: figures(8000), CEILING: figures(16000)},
        {COLD: figures(700), YOGA: figures(1700), WARM: figures(8000), CEILING: figures(16000)},
    ]
    cold, _ = ratios(typical(rounds), {}, rounds)
    assert cold.split()[3:] == ["0.450", "target", "≥", "0.5", "below"]  # 0.45, 0.667, 0.412; not 800 ÷ 1700
