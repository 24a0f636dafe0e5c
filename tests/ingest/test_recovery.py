"""SIGKILL during ingest, at several moments: running ingest again ends with the index of a clean full ingest.
Each kill waits for a condition (the store opened, so many passages embedded), never for a fixed time."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from core.di import Container
from tests.conftest import CORPUS, ROOT, make_settings

pytestmark = pytest.mark.slow


def _state(container: Container) -> set[tuple]:
    """What the index holds, independent of ids: (file name, chunk index, offsets, text) for every chunk."""
    return {(c.source.rsplit("/", 1)[-1], c.index, c.start, c.end, c.text) for c in container.store.all_chunks()}


def cache_rows(path: Path) -> int:
    """Passages a child process has embedded so far (its embedding cache commits after every batch)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1) as db:
            return db.execute("SELECT COUNT(*) FROM emb").fetchone()[0]
    except sqlite3.Error:  # not created yet, or locked by the writer this instant
        return 0


def wait_until(condition, proc: subprocess.Popen, timeout: float = 300) -> bool:
    """Poll `condition` until it holds; False when the process ended first (or the deadline passed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return proc.poll() is None
        if proc.poll() is not None:
            return False
        time.sleep(0.02)
    return False


def cpu_seconds(proc: subprocess.Popen) -> float:
    try:
        t = psutil.Process(proc.pid).cpu_times()
        return t.user + t.system
    except psutil.Error:
        return 0.0


def has_open(proc: subprocess.Popen, name: str) -> bool:
    """Whether the process holds a file of this name open (the index, once it has opened the store)."""
    try:
        return any(Path(f.path).name == name for f in psutil.Process(proc.pid).open_files())
    except psutil.Error:
        return False


def test_sigkill_at_any_moment_then_rerun_equals_clean_ingest(tmp_path, corpus_container):
    docs = tmp_path / "docs"
    shutil.copytree(CORPUS, docs)
    data = tmp_path / "data"
    rng = random.Random(20261122)
    opened = lambda proc, cache: has_open(proc, "chroma.sqlite3")  # noqa: E731
    moments = [("the store is open", opened),
               ("it is embedding", lambda proc, cache: opened(proc, cache) and cpu_seconds(proc) >= started[proc.pid] + 0.3),
               (f"it has embedded for {(late := round(rng.uniform(0.8, 2.0), 2))} CPU-s",
                lambda proc, cache: opened(proc, cache) and cpu_seconds(proc) >= started[proc.pid] + late),
               ("its passages are embedded and being stored", lambda proc, cache: cache_rows(cache) >= 1)]
    started: dict[int, float] = {}
    killed = []
    for round_, (name, condition) in enumerate(moments):
        cache = tmp_path / f"cache{round_}.sqlite"  # a fresh cache each time: real embedding work to interrupt
        env = {**os.environ, "RAG_EMBEDDING_CACHE": str(cache)}
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "ingest", str(docs)],
                                env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if wait_until(lambda: opened(proc, cache), proc):
            started[proc.pid] = cpu_seconds(proc)  # CPU used to start up and open the store
        if wait_until(lambda: condition(proc, cache), proc):
            proc.send_signal(signal.SIGKILL)
            killed.append(name)
        proc.wait()
    assert len(killed) >= 3, f"ingest finished before it could be interrupted (killed when: {killed})"
    env = {**os.environ, "RAG_EMBEDDING_CACHE": str(tmp_path / "cache0.sqlite")}
    cmd = [sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "ingest", str(docs)]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    recovered = Container(make_settings(data, tmp_path / "cache0.sqlite"))
    chunks = list(recovered.store.all_chunks())
    assert len({c.chunk_id for c in chunks}) == len(chunks)  # no duplicates
    assert _state(recovered) == _state(corpus_container)
    assert {r.source.rsplit("/", 1)[-1] for r in recovered.store.documents()} == {p.name for p in CORPUS.glob("*.txt")}
    lexical = recovered.retriever.lexical.get()
    assert len(lexical.chunks) == len(chunks)
    again = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "unchanged 5" in again.stdout


def test_sigkill_during_a_question_leaves_the_index_usable(corpus_container, embedding_cache, tmp_path):
    """The kill lands while questions are being answered: after the first answer was printed and before the
    last. The process does nothing else in between (models loaded, index open)."""
    data = corpus_container.settings.data_dir
    questions = tmp_path / "questions.jsonl"
    asked = ["Kon Tum tiếp giáp với những nước nào?", "An Giang ký biên bản ghi nhớ với tỉnh nào của Lào?",
             "Chỉ thị nào quy định về quản lý đoàn đi công tác nước ngoài?", "Đồng Nai có bao nhiêu hội hữu nghị?"] * 10
    questions.write_text("\n".join(json.dumps({"id": i, "question": q}, ensure_ascii=False) for i, q in enumerate(asked)),
                         encoding="utf-8")
    env = {**os.environ, "RAG_EMBEDDING_CACHE": str(embedding_cache)}
    cmd = [sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "ask", "--json"]
    out = tmp_path / "answers.jsonl"
    with open(out, "w") as sink:
        proc = subprocess.Popen(cmd + ["--questions", str(questions)], env=env, cwd=ROOT, stdout=sink, stderr=subprocess.DEVNULL)
        # bytes: a line being written may end in half a character (its buffer flushed at 8 KiB)
        answering = wait_until(lambda: out.read_bytes().count(b"\n") >= 1, proc, timeout=300)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    printed = out.read_bytes().count(b"\n")  # killed mid-line: its last bytes may be half a character
    assert answering and proc.returncode == -signal.SIGKILL and 1 <= printed < len(asked), printed
    fresh = subprocess.run(cmd + ["An Giang ký biên bản ghi nhớ với tỉnh nào của Lào?"], env=env, cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert fresh.returncode == 0 and "Champasak" in fresh.stdout


UPLOAD_SCRIPT = """
import sys
from pathlib import Path
from core.di import Container
from core.settings import Settings
from ui.uploads import ingest_uploads
c = Container(Settings(data_dir=Path(sys.argv[1]), embedding_cache=Path(sys.argv[2])))
print(ingest_uploads(c, [sys.argv[3]])[2], flush=True)
"""


def _upload(data, cache, file, kill_when: str | None):
    """Upload `file` through the page's upload path in a child process and SIGKILL it once this version of the file
    is in the uploads folder and: "landed" (nothing more), "embedding" (it has since worked 0.3 CPU-seconds, i.e.
    it is embedding), "storing" (its passages are embedded and being written). None: let it finish.
    True when the kill hit a running upload."""
    proc = subprocess.Popen([sys.executable, "-c", UPLOAD_SCRIPT, str(data), str(cache), str(file)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if kill_when is None:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0 and ("added 1" in out or "updated 1" in out), err
        return False
    landed, want = data / "uploads" / file.name, file.read_bytes()
    alive = wait_until(lambda: landed.exists() and landed.read_bytes() == want, proc)
    if alive and kill_when == "embedding":
        start = cpu_seconds(proc)
        alive = wait_until(lambda: cpu_seconds(proc) >= start + 0.3, proc)
    elif alive and kill_when == "storing":
        alive = wait_until(lambda: cache_rows(cache) >= 1, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return alive


def _check_consistent(container: Container, others: set[tuple]) -> dict[str, int]:
    """Every document is whole: its record's chunk count equals its committed chunks; the rest is untouched."""
    chunks = list(container.store.all_chunks())
    per_doc: dict[str, int] = {}
    for c in chunks:
        per_doc[c.doc_id] = per_doc.get(c.doc_id, 0) + 1
    records = {r.doc_id: r for r in container.store.documents()}
    assert set(per_doc) == set(records)
    assert all(per_doc[d] == r.n_chunks for d, r in records.items())
    assert others <= _state(container)
    return {r.source.rsplit("/", 1)[-1]: r.n_chunks for r in records.values()}


def test_sigkill_during_a_library_upload_is_all_or_nothing_and_finished_at_start(tmp_path, corpus_container):
    data = tmp_path / "data"
    shutil.copytree(corpus_container.settings.data_dir, data)
    others = _state(corpus_container)
    upload = tmp_path / "tong_hop_doi_ngoai.txt"
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    upload.write_text("Tổng hợp tin đối ngoại\n\n" + "\n\n".join(texts), encoding="utf-8")
    rng = random.Random(20261123)
    hits = 0
    for round_, when in enumerate(rng.sample(["landed", "embedding", "storing"], 3)):  # a fresh embedding cache each
        hits += _upload(data, tmp_path / f"cache{round_}.sqlite", upload, when)  # time: the child really embeds
        seen = _check_consistent(Container(make_settings(data, tmp_path / "check.sqlite")), others)
        assert set(seen) - {p.name for p in CORPUS.glob("*.txt")} <= {upload.name}  # in whole, or not at all
    assert hits >= 2, "the uploads finished before they could be interrupted; the test proves nothing"

    # a replacing upload killed half-way leaves the previous version whole
    _upload(data, tmp_path / "cache-full.sqlite", upload, None)
    before = _check_consistent(Container(make_settings(data, tmp_path / "check.sqlite")), others)[upload.name]
    upload.write_text(upload.read_text(encoding="utf-8") + "\n\nPhụ lục bổ sung: trong năm 2026 tỉnh đã đón tiếp 12 đoàn khách quốc tế đến làm việc.", encoding="utf-8")
    assert _upload(data, tmp_path / "cache-new.sqlite", upload, "embedding")
    killed = Container(make_settings(data, tmp_path / "check.sqlite"))
    assert _check_consistent(killed, others)[upload.name] == before
    old_text = killed.library.text(next(r.doc_id for r in killed.store.documents() if r.source.endswith(upload.name)))
    assert "đón tiếp 12 đoàn khách quốc tế" not in old_text and "Champasak" in old_text

    # the page's start-up finishes the interrupted upload: the new version is in, whole, and searchable
    restarted = Container(make_settings(data, tmp_path / "cache-full.sqlite"))
    report = restarted.library.reconcile()
    assert report.updated and not report.skipped
    seen = _check_consistent(restarted, others)
    assert upload.name in seen
    assert "đón tiếp 12 đoàn khách quốc tế" in restarted.library.text(next(r.doc_id for r in restarted.store.documents()
                                                                   if r.source.endswith(upload.name)))
    assert not list((data / "uploads").glob(".part-*"))
    ans = restarted.answers.ask("An Giang ký biên bản ghi nhớ với tỉnh nào của Lào?")
    assert not ans.abstained and "Champasak" in ans.answer
    assert restarted.library.reconcile().summary().startswith("added 0, updated 0, unchanged 1, removed 0")
