from dataclasses import dataclass

import pytest

from adapters.breaker import CircuitBreaker


@dataclass
class FakeClock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def breaker(clock: FakeClock) -> CircuitBreaker:
    return CircuitBreaker(failure_threshold=3, reset_after_seconds=30.0, clock=clock)


def fail(breaker: CircuitBreaker, times: int) -> None:
    for _ in range(times):
        breaker.record_failure()


def test_a_new_breaker_is_closed_and_allows_calls(breaker: CircuitBreaker) -> None:
    assert not breaker.is_open
    assert breaker.retry_in() == 0.0
    assert all(breaker.allow() for _ in range(10))


def test_the_breaker_stays_closed_below_the_threshold(breaker: CircuitBreaker) -> None:
    fail(breaker, 2)
    assert not breaker.is_open
    assert breaker.allow()


def test_the_breaker_opens_after_the_threshold_of_failures(breaker: CircuitBreaker, clock: FakeClock) -> None:
    fail(breaker, 3)
    assert breaker.is_open
    assert not breaker.allow()
    clock.now += 10
    assert breaker.retry_in() == pytest.approx(20.0)
    assert not breaker.allow()


def test_a_success_resets_the_failure_count(breaker: CircuitBreaker) -> None:
    fail(breaker, 2)
    breaker.record_success()
    fail(breaker, 2)
    assert not breaker.is_open


def test_after_the_cool_down_exactly_one_trial_call_is_allowed(breaker: CircuitBreaker, clock: FakeClock) -> None:
    fail(breaker, 3)
    clock.now += 30
    assert not breaker.is_open
    assert breaker.allow()
    assert not breaker.allow()
    assert not breaker.allow()


def test_a_successful_trial_closes_the_breaker(breaker: CircuitBreaker, clock: FakeClock) -> None:
    fail(breaker, 3)
    clock.now += 31
    assert breaker.allow()
    breaker.record_success()
    assert not breaker.is_open
    assert all(breaker.allow() for _ in range(5))
    fail(breaker, 2)
    assert not breaker.is_open


def test_a_failed_trial_reopens_the_breaker_for_a_full_cool_down(breaker: CircuitBreaker, clock: FakeClock) -> None:
    fail(breaker, 3)
    clock.now += 45
    assert breaker.allow()
    breaker.record_failure()
    assert breaker.is_open
    assert breaker.retry_in() == pytest.approx(30.0)
    assert not breaker.allow()
    clock.now += 30
    assert breaker.allow()


def test_a_threshold_of_one_opens_on_the_first_failure(clock: FakeClock) -> None:
    breaker = CircuitBreaker(failure_threshold=1, reset_after_seconds=5.0, clock=clock)
    breaker.record_failure()
    assert breaker.is_open
    assert breaker.retry_in() == pytest.approx(5.0)


def test_a_trial_that_never_reports_back_does_not_shut_the_breaker_forever(
    breaker: CircuitBreaker, clock: FakeClock
) -> None:
    fail(breaker, 3)
    clock.now += 30
    assert breaker.allow()  # the trial call is cancelled: neither success nor failure is recorded
    clock.now += 3600
    assert breaker.allow()
