"""A value derived from the store (the lexical index, the regulation index), rebuilt when the fingerprint that
ingest stamps on the store changes: here or in another app instance sharing a Chroma server."""
from __future__ import annotations

import threading
import time
from typing import Callable, Generic, TypeVar

from components.store import ChunkStore

T = TypeVar("T")
REFRESH_SECONDS = 5.0  # how often a reader asks the store whether it changed


class StoreDerived(Generic[T]):
    def __init__(self, store: ChunkStore, build: Callable[[], T], refresh_seconds: float = REFRESH_SECONDS):
        self._store, self._build, self._refresh = store, build, refresh_seconds
        self._value: T | None = None
        self._fp: str | None = None
        self._checked = float("-inf")  # never: 0.0 would read as recent on a machine up for less than refresh_seconds
        self._lock = threading.Lock()

    def get(self) -> T:
        now = time.monotonic()
        if self._value is not None and now - self._checked < self._refresh:
            return self._value
        with self._lock:
            fp = self._store.fingerprint()
            if self._value is None or fp != self._fp:
                self._value, self._fp = self._build(), fp
            self._checked = now
            return self._value

    def invalidate(self) -> None:
        """Ask the store again on the next get() (after an ingest or a delete in this process)."""
        self._checked = float("-inf")
