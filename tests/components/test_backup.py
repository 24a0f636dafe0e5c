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


@pytest.mark.slow
def test_a_backup_taken_while_an_upload_is_killed_restores_before_or_after(tmp_path, corpus_container):
    """A page's upload is SIGKILLed while `app.py backup` runs beside it. The snapshot, and both restores of it (in
    place, and into a new folder), answer every dev question exactly as the index did before the upload, or
    exactly as it does after a finished one: never a mix, never half a document."""
    import json
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT, shared_path
    from tests.ingest.test_recovery import UPLOAD_SCRIPT, _check_consistent, _state, _upload, cpu_seconds, wait_until

    questions = [json.loads(x)["question"] for x in shared_path("eval", "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    data, after_data = tmp_path / "data", tmp_path / "after"
    shutil.copytree(corpus_container.settings.data_dir, data)
    shutil.copytree(corpus_container.settings.data_dir, after_data)
    others = _state(corpus_container)
    upload = tmp_path / "tong_hop_doi_ngoai.txt"
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    upload.write_text("Tổng hợp tin đối ngoại\n\n" + "\n\n".join(texts * 3), encoding="utf-8")  # seconds of embedding
    before = _summary(corpus_container, questions)
    _upload(after_data, tmp_path / "cache-after.sqlite", upload, None)
    after = _summary(Container(make_settings(after_data, tmp_path / "cache-after.sqlite")), questions)
    assert after != before  # the upload changes some answers, so "before or after" tells them apart

    env = {**os.environ, "RAG_EMBEDDING_CACHE": str(tmp_path / "cache-backup.sqlite")}
    up = subprocess.Popen([sys.executable, "-c", UPLOAD_SCRIPT, str(data), str(tmp_path / "cache-kill.sqlite"), str(upload)],
                          cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    landed = data / "uploads" / upload.name
    assert wait_until(lambda: landed.exists() and landed.stat().st_size == upload.stat().st_size, up)
    start = cpu_seconds(up)
    assert wait_until(lambda: cpu_seconds(up) >= start + 0.3, up), "the upload ended before it was embedding"
    snap = tmp_path / "snapshots" / "s1"
    backup = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "backup", str(snap)], env=env,
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert wait_until(lambda: any(snap.parent.glob(".s1.partial-*")), backup), "the backup did not start"
    alive = up.poll() is None
    up.send_signal(signal.SIGKILL)
    up.wait()
    assert alive and not snap.exists(), "the kill did not land while both the upload and the backup ran"
    out, err = backup.communicate(timeout=600)
    assert backup.returncode == 0, err

    def judged(container) -> str:
        _check_consistent(container, others)  # every document whole
        got = _summary(container, questions)
        assert got in (before, after)
        return "before" if got == before else "after"

    seen = {"snapshot": judged(Container(make_settings(snap, tmp_path / "cache-check.sqlite")))}
    for name, target in (("restored elsewhere", tmp_path / "elsewhere"), ("restored in place", data)):
        done = subprocess.run([sys.executable, str(ROOT / "app.py"), "--data-dir", str(target), "restore", str(snap)],
                              env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        seen[name] = judged(Container(make_settings(target, tmp_path / "cache-check.sqlite")))
    print(f"\n{len(questions)} dev questions: " + ", ".join(f"{k} = {v}" for k, v in seen.items()))
