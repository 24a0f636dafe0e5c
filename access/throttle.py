"""Failed logins and failed admin actions, counted per key ("account:NAME", "address:IP"). After `free` failures
each further attempt on a key must wait, and the wait doubles with every failure up to `max_seconds`. An attempt
while a key must wait is refused before any password is checked, so guessing costs the wait however fast a script is."""
from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterable


@dataclass(frozen=True)
class ThrottlePolicy:
    free: int = 5
    base_seconds: float = 1.0
    max_seconds: float = 900.0
    forget_seconds: float = 3600.0

    @classmethod
    def from_settings(cls, settings) -> "ThrottlePolicy":
        return cls(settings.throttle_free_failures, settings.throttle_base_seconds, settings.throttle_max_seconds,
                   settings.throttle_forget_seconds)

    def delay(self, failures: int) -> float:
        """The wait imposed after the `failures`-th failure in a row: 0 before `free`, then base, 2 x base, 4 x base ..."""
        if failures < self.free:
            return 0.0
        exponent = failures - self.free
        return self.max_seconds if exponent > 60 else min(self.base_seconds * 2.0 ** exponent, self.max_seconds)


@dataclass
class _Count:
    failures: int = 0
    last: float = 0.0
    until: float = 0.0


class Throttle:
    MAX_KEYS = 100_000  # forgotten keys are swept past this many, so a spray of addresses cannot fill memory

    def __init__(self, policy: ThrottlePolicy, clock: Callable[[], float] = time.monotonic):
        self.policy, self._clock = policy, clock
        self._counts: dict[str, _Count] = {}
        self._lock = threading.Lock()

    def _get(self, key: str, now: float) -> _Count | None:
        c = self._counts.get(key)
        if c is not None and now - c.last > self.policy.forget_seconds and now >= c.until:
            del self._counts[key]
            return None
        return c

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds before another attempt on any of these keys is allowed (0.0: go ahead)."""
        now = self._clock()
        with self._lock:
            counts = [self._get(k, now) for k in keys]
        return max([c.until - now for c in counts if c is not None] + [0.0])

    def fail(self, keys: Iterable[str]) -> float:
        """Count one failure on each key; returns the wait it imposes now (0.0 while failures are still free)."""
        now = self._clock()
        with self._lock:
            if len(self._counts) > self.MAX_KEYS:
                for k in [k for k, c in self._counts.items() if now - c.last > self.policy.forget_seconds and now >= c.until]:
                    del self._counts[k]
            waits = []
            for key in keys:
                c = self._get(key, now) or self._counts.setdefault(key, _Count())
                c.failures += 1
                c.last = now
                c.until = now + self.policy.delay(c.failures)
                waits.append(c.until - now)
        return max(waits + [0.0])

    def succeed(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._counts.pop(key, None)

    def failures(self, key: str) -> int:
        with self._lock:
            c = self._get(key, self._clock())
        return c.failures if c else 0


def wait_seconds(wait: float) -> int:
    """A wait as whole seconds for people and for Retry-After (rounded up, at least 1)."""
    return max(1, math.ceil(wait))
