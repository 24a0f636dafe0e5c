"""ui.feedback: ratings kept in data_dir/feedback.sqlite; the page's like handler writes there."""
from __future__ import annotations

import sqlite3
import threading
from types import SimpleNamespace

from ui.feedback import FeedbackStore


def test_add_and_read_back(tmp_path):
    store = FeedbackStore(tmp_path)
    cites = [{"n": 1, "source": "corpus/a.txt", "quote": "“Chỉ thị 38-CT/TW”"}]
    store.add("Đoàn ra?", "- “Chỉ thị 38-CT/TW” [1]", cites, True, "extractive")
    store.add("Câu hai", "Không có.", [], -1)
    rows = store.all()
    assert [r["rating"] for r in rows] == [1, -1]
    assert rows[0]["question"] == "Đoàn ra?" and rows[0]["citations"] == cites and rows[0]["mode"] == "extractive"
    assert rows[0]["ts"] > 0 and store.counts() == {"up": 1, "down": 1}
    assert (tmp_path / "feedback.sqlite").is_file()
    cols = {r[1] for r in sqlite3.connect(tmp_path / "feedback.sqlite").execute("PRAGMA table_info(feedback)")}
    assert {"question", "answer", "citations", "rating", "ts"} <= cols


def test_survives_reopen_and_concurrent_writers(tmp_path):
    FeedbackStore(tmp_path).add("q", "a", [], 1)
    store = FeedbackStore(tmp_path)
    threads = [threading.Thread(target=store.add, args=(f"q{i}", "a", [], i % 2 or -1)) for i in range(20)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len(store.all()) == 21


def test_like_handler_stores_the_rated_answer(evil_container):
    from tests.ui.test_render import _handler
    from ui.page import build_page

    demo = build_page(evil_container)
    *_, (_, _, turns, _) = _handler(demo, "ask")("Chỉ thị 38-CT/TW về gì?", [], [], [], "", "", "Tiếng Việt")
    like = _handler(demo, "like")
    like(turns, SimpleNamespace(index=1, liked=True, value=None))
    like(turns, SimpleNamespace(index=1, liked=False, value=None))
    like(turns, SimpleNamespace(index=7, liked=True, value=None))  # out of range: ignored
    rows = FeedbackStore(evil_container.settings.data_dir).all()
    assert [r["rating"] for r in rows] == [1, -1]
    assert rows[0]["question"] == "Chỉ thị 38-CT/TW về gì?" and rows[0]["citations"][0]["doc_id"]
