"""The benchmark's arithmetic, free of I/O: wrk's output read into figures, the table and the ratios."""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median
from typing import Any

WARM = "gateway, warm (response cache)"
COLD = "gateway, cold (no cache, no dispatcher)"
YOGA = "graphql-yoga, same schema and data"
CEILING = "bare Starlette (uvicorn default)"
CEILING_H11 = "bare Starlette, h11"
CEILING_GATEWAY_STACK = "bare Starlette, h11 + asyncio loop"


@dataclass(frozen=True)
class Figures:
    rps: float
    requests: int
    p50_ms: float
    p99_ms: float
    non2xx: int
    socket_errors: int


@dataclass(frozen=True)
class Target:
    """A ratio issue #13 asks for: `numerator` ÷ `denominator` >= `minimum`."""

    label: str
    numerator: str
    denominator: str
    minimum: float


TARGETS = (
    Target("cold ÷ yoga", COLD, YOGA, 0.5),
    Target("warm ÷ ceiling", WARM, CEILING, 0.4),
)
# Shown beside a target's ratio, not judged: the same ratio against a server speaking h11 as the gateway does.
BESIDE = {"warm ÷ ceiling": ("÷ h11 ceiling", CEILING_H11)}


def parse_wrk(output: str) -> Figures:
    """The figures of one `wrk --latency` run."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    requests = re.search(r"^\s+(\d+) requests in", output, re.M)
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    if rps is None or requests is None or not {"50", "99"} <= latency.keys():
        raise ValueError(f"not wrk --latency output:\n{output[-1000:]}")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return Figures(
        rps=float(rps.group(1)),
        requests=int(requests.group(1)),
        p50_ms=milliseconds(latency["50"]),
        p99_ms=milliseconds(latency["99"]),
        non2xx=int(non2xx.group(1)) if non2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
    )


def milliseconds(value: str) -> float:
    """wrk's latency ("812.00us", "4.73ms", "1.04s", "2.00m") in milliseconds."""
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if found is None:
        raise ValueError(f"not a wrk latency: {value!r}")
    return float(found.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[found.group(2)]


def first_difference(expected: Any, actual: Any, path: str = "data") -> str | None:
    """Where two JSON values first differ (a path and both values), or None when they are equal,
    fields in the same order (as GraphQL orders them: by the query)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in [*expected, *(k for k in actual if k not in expected)]:
            if key not in expected or key not in actual:
                return f"{path}.{key}: only in {'the second' if key not in expected else 'the first'}"
            found = first_difference(expected[key], actual[key], f"{path}.{key}")
            if found:
                return found
        return None if list(expected) == list(actual) else f"{path}: the same fields in another order"
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{path}: {len(expected)} elements against {len(actual)}"
        for index, (a, b) in enumerate(zip(expected, actual, strict=True)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    return None if expected == actual and type(expected) is type(actual) else f"{path}: {expected!r} ≠ {actual!r}"


def table(results: dict[str, Figures]) -> list[str]:
    ceiling = results[CEILING].rps if CEILING in results else None
    lines = [f"{'':42} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'sock err':>8} {'of ceiling':>10}"]
    for name, r in results.items():
        share = f"{r.rps / ceiling:10.3f}" if ceiling else f"{'-':>10}"
        lines.append(
            f"{name:42} {r.rps:9.0f} {r.p50_ms:8.2f} {r.p99_ms:8.2f} {r.non2xx:8d} {r.socket_errors:8d} {share}"
        )
    return lines


def ratios(
    results: dict[str, Figures], missing: dict[str, str], rounds: list[dict[str, Figures]] | None = None
) -> list[str]:
    """One line per target: the ratio, its target, PASS or below; or why it was not measured. Given
    the rounds, a ratio is the median of each round's own (rows measured minutes apart, not across
    rounds); else the ratio of `results`' rows."""
    lines = []
    for target in TARGETS:
        absent = next((n for n in (target.numerator, target.denominator) if n not in results), None)
        if absent is not None:
            lines.append(f"{target.label:16} not measured: {missing.get(absent, f'no {absent} row')}")
            continue
        ratio = _ratio(target.numerator, target.denominator, rounds or [results])
        verdict = "PASS" if ratio >= target.minimum else "below"
        line = f"{target.label:16} {ratio:7.3f}   target ≥ {target.minimum}   {verdict}"
        if target.label in BESIDE and BESIDE[target.label][1] in results:
            label, other = BESIDE[target.label]
            line += f"   ({label}: {_ratio(target.numerator, other, rounds or [results]):.3f})"
        lines.append(line)
    for name, r in results.items():
        if r.non2xx or r.socket_errors:
            errors = f"{r.non2xx} non-2xx and {r.socket_errors} socket errors in {r.requests} requests"
            lines.append(f"WARNING: {name}: {errors}; its figures count only what was answered")
    return lines


def _ratio(numerator: str, denominator: str, rounds: list[dict[str, Figures]]) -> float:
    return median(r[numerator].rps / r[denominator].rps for r in rounds if numerator in r and denominator in r)


def typical(rounds: list[dict[str, Figures]]) -> dict[str, Figures]:
    """Each row's figures from the round where its requests/s were the median (the lower of two):
    on a shared host one row can be measured in a slow minute, and a ratio of two such rows says
    more about the minute than the servers."""
    names = [name for name in rounds[0] if all(name in r for r in rounds)]
    return {name: sorted((r[name] for r in rounds), key=lambda f: f.rps)[(len(rounds) - 1) // 2] for name in names}


def round_ratios(rounds: list[dict[str, Figures]]) -> list[str]:
    """Each round's ratios, one line a round: how far they spread."""
    lines = []
    for number, results in enumerate(rounds, 1):
        judged = [
            f"{t.label} {_ratio(t.numerator, t.denominator, [results]):.3f}"
            for t in TARGETS
            if t.numerator in results and t.denominator in results
        ]
        lines.append(f"round {number}: {', '.join(judged)}")
    return lines
