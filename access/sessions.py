"""Page logins: a random token per login, kept in memory (a restart logs everyone out), sent as an HttpOnly cookie."""
from __future__ import annotations

import secrets
import threading
import time
from typing import Callable

COOKIE = "rag_session"


class Sessions:
    def __init__(self, hours: float, clock: Callable[[], float] = time.monotonic):
        self._ttl, self._clock = hours * 3600.0, clock
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def open(self, name: str) -> str:
        token = secrets.token_urlsafe(32)
        now = self._clock()
        with self._lock:
            self._tokens = {t: v for t, v in self._tokens.items() if v[1] > now}  # drop expired ones
            self._tokens[token] = (name, now + self._ttl)
        return token

    def name(self, token: str | None) -> str | None:
        if not token:
            return None
        with self._lock:
            entry = self._tokens.get(token)
        if entry is None or entry[1] <= self._clock():
            return None
        return entry[0]

    def close(self, token: str | None) -> None:
        with self._lock:
            self._tokens.pop(token or "", None)

    @property
    def max_age(self) -> int:
        return int(self._ttl)
