"""👍/👎 on answers, kept in data_dir/feedback.sqlite (question, answer, citations JSON, rating, timestamp)."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

_SCHEMA = """CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    mode TEXT
)"""


class FeedbackStore:
    def __init__(self, data_dir: Path | str):
        self.path = Path(data_dir) / "feedback.sqlite"
        self._lock = threading.Lock()
        self._ready = False  # the table is made by the first rating: a page on a read-only folder writes nothing

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(self.path, timeout=10) as db:
                db.execute(_SCHEMA)
            self._ready = True
        return sqlite3.connect(self.path, timeout=10)

    def add(self, question: str, answer: str, citations: list[dict], rating: int | bool, mode: str | None = None) -> int:
        """Store one rating (+1 / -1; True/False accepted). Returns the row id."""
        value = 1 if rating is True or (not isinstance(rating, bool) and int(rating) > 0) else -1
        with self._lock, self._connect() as db:
            cur = db.execute("INSERT INTO feedback (ts, question, answer, citations, rating, mode) VALUES (?, ?, ?, ?, ?, ?)",
                             (time.time(), question, answer, json.dumps(citations, ensure_ascii=False), value, mode))
            return int(cur.lastrowid)

    def all(self) -> list[dict]:
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            rows = db.execute("SELECT * FROM feedback ORDER BY id").fetchall()
        return [{**dict(r), "citations": json.loads(r["citations"])} for r in rows]

    def counts(self) -> dict[str, int]:
        with self._connect() as db:
            up, down = db.execute("SELECT COALESCE(SUM(rating = 1), 0), COALESCE(SUM(rating = -1), 0) FROM feedback").fetchone()
        return {"up": int(up), "down": int(down)}
