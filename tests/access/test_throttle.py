"""access.throttle: five free failures, then a wait that doubles with each failure, per key, on a fake clock."""
from __future__ import annotations

from access.throttle import Throttle, ThrottlePolicy, wait_seconds


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_policy_delays():
    p = ThrottlePolicy(free=5, base_seconds=1.0, max_seconds=900.0)
    assert [p.delay(n) for n in range(1, 17)] == [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]
    assert p.delay(10_000) == 900


def test_sixty_wrong_attempts_by_a_script_that_waits_as_told():
    """The default policy, attempted as fast as the throttle allows: how long do 60 wrong passwords take?
    (Before throttling a script sent 60 in 7.7 s.)"""
    clock = Clock()
    throttle = Throttle(ThrottlePolicy(), clock)
    keys = ["account:admin", "address:10.0.0.9"]
    start, gaps, last = clock.now, [], clock.now
    for _ in range(60):
        clock.now += throttle.wait(keys)  # a script that sleeps exactly as long as it is told
        gaps.append(clock.now - last)
        last = clock.now
        throttle.fail(keys)
    total = clock.now - start
    assert gaps[:6] == [0, 0, 0, 0, 0, 1]  # the first five are free
    assert gaps[6:15] == [2, 4, 8, 16, 32, 64, 128, 256, 512] and set(gaps[15:]) == {900}
    assert total == 1023 + 45 * 900 and total / 3600 > 11.5  # 11.5 hours instead of 7.7 s


def test_refused_attempts_do_not_reach_the_check_and_do_not_lengthen_the_wait():
    clock = Clock()
    throttle = Throttle(ThrottlePolicy(free=2, base_seconds=10), clock)
    throttle.fail(["k"])
    assert throttle.wait(["k"]) == 0
    assert throttle.fail(["k"]) == 10 and throttle.wait(["k"]) == 10
    clock.now += 4
    assert throttle.wait(["k"]) == 6 and throttle.failures("k") == 2  # asking again costs nothing and counts nothing
    clock.now += 6
    assert throttle.wait(["k"]) == 0 and throttle.fail(["k"]) == 20


def test_keys_are_separate_success_forgets_the_account_and_time_forgets_all():
    clock = Clock()
    throttle = Throttle(ThrottlePolicy(free=1, base_seconds=5, forget_seconds=100), clock)
    throttle.fail(["account:a", "address:1"])
    assert throttle.wait(["account:b", "address:2"]) == 0  # other account, other address: unaffected
    assert throttle.wait(["account:b", "address:1"]) == 5  # the same address is held back for any account
    throttle.succeed(["account:a"])
    assert throttle.failures("account:a") == 0 and throttle.failures("address:1") == 1
    clock.now += 101
    assert throttle.failures("address:1") == 0 and throttle.wait(["address:1"]) == 0


def test_wait_seconds_rounds_up():
    assert [wait_seconds(w) for w in (0.01, 1.0, 1.2, 899.5)] == [1, 1, 2, 900]
