"""components.backup: a snapshot holds the index, uploads, feedback, accounts and audit trail; restore brings back
exactly that, setting aside what was there; damaged or reused folders are refused."""
from __future__ import annotations

import shutil

import pytest

from access.audit import Actor
from components.backup import BackupError, read_manifest, restore_snapshot, take_snapshot
from core.di import Container
from tests.conftest import CORPUS, make_settings
from ui.feedback import FeedbackStore


def _summary(container, questions) -> list[tuple]:
    out = []
    for q in questions:
        a = container.answers.ask(q)
        out.append((a.abstained, [(h.chunk.source.rsplit("/", 1)[-1], h.chunk.start, h.chunk.end) for h in a.retrieved[:5]],
                    [(c.source.rsplit("/", 1)[-1], c.start, c.end) for c in a.citations]))
    return out


QUESTIONS = ["Kon Tum tiếp giáp với những nước nào?", "An Giang ký biên bản ghi nhớ với tỉnh nào của Lào?",
             "Hội thảo cà phê Arabica tổ chức ở đâu?"]


@pytest.fixture()
def live(tmp_path):
    """A data folder with the corpus, one upload, a rating, an account and audit entries (hash embedder)."""
    c = Container(make_settings(tmp_path / "data", tmp_path / "cache.sqlite", embedder="hash"))
    c.ingestor().run([CORPUS])
    (tmp_path / "up").mkdir()
    up = tmp_path / "up" / "hoi_thao.txt"
    up.write_text("Hội thảo cà phê\n\nHội thảo hợp tác quốc tế về cà phê Arabica tổ chức tại Đà Lạt năm 2025.", encoding="utf-8")
    from ui.uploads import ingest_uploads
    ingest_uploads(c, [str(up)], actor=Actor("lan", "10.0.0.5"))
    FeedbackStore(c.settings.data_dir).add("Kon Tum?", "…", [], 1)
    c.access.accounts.add("lan", "admin", "long enough")
    return c


def test_snapshot_then_restore_gives_back_the_same_answers_and_files(live, tmp_path):
    before = _summary(live, QUESTIONS)
    report = take_snapshot(live.settings, live.store, tmp_path / "snap")
    assert (report.documents, report.uploads) == (6, 1) and report.chunks == live.store.count()
    assert set(report.files) == {"feedback.sqlite", "accounts.json", "audit.jsonl"} and report.server is None
    manifest = read_manifest(tmp_path / "snap")
    assert manifest["documents"] == 6 and "uploads/hoi_thao.txt" in manifest["files"]
    assert not list(tmp_path.glob(".snap.partial-*"))

    target = Container(make_settings(tmp_path / "restored", tmp_path / "cache2.sqlite", embedder="hash"))
    restored = restore_snapshot(target.settings, tmp_path / "snap")
    assert (restored.documents, restored.uploads, restored.set_aside, restored.reingest) == (5, 1, None, 1)
    again = Container(make_settings(tmp_path / "restored", tmp_path / "cache2.sqlite", embedder="hash"))
    assert again.library.reconcile().added  # the upload, named by its new folder (as `app.py restore` does)
    assert sorted(r.content_hash for r in again.store.documents()) == sorted(live.store.versions().values())
    assert _summary(again, QUESTIONS) == before  # uploaded document included
    assert (tmp_path / "restored" / "uploads" / "hoi_thao.txt").read_bytes() == (live.settings.data_dir / "uploads" / "hoi_thao.txt").read_bytes()
    assert FeedbackStore(tmp_path / "restored").counts() == {"up": 1, "down": 0}
    assert again.access.accounts.verify_password("lan", "long enough").role == "admin"
    assert [e.action for e in again.audit.entries()][:-1] == [e.action for e in live.audit.entries()]  # + the re-ingest
    assert again.library.reconcile().summary().startswith("added 0, updated 0, unchanged 1, removed 0")


def test_restore_sets_aside_what_was_there(live, tmp_path):
    take_snapshot(live.settings, live.store, tmp_path / "snap")
    live.library.delete(next(r.doc_id for r in live.store.documents() if "hoi_thao" in r.source), Actor("lan"))
    settings = live.settings
    live.store.close()
    report = restore_snapshot(settings, tmp_path / "snap")
    assert report.set_aside is not None and (report.set_aside / "chroma").is_dir() and (report.set_aside / "audit.jsonl").is_file()
    back = Container(settings)
    assert any("hoi_thao" in r.source for r in back.store.documents()) and len(back.store.documents()) == 6


def test_refusals(live, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    with pytest.raises(BackupError, match="not empty"):
        take_snapshot(live.settings, live.store, tmp_path / "used")
    with pytest.raises(BackupError, match="not a snapshot"):
        read_manifest(tmp_path / "used")
    take_snapshot(live.settings, live.store, tmp_path / "snap")
    (tmp_path / "snap" / "accounts.json").write_text("{}")
    with pytest.raises(BackupError, match="damaged"):
        read_manifest(tmp_path / "snap")
    shutil.rmtree(tmp_path / "snap")
