"""SIGKILL during ingest, at several moments: running ingest again ends with the index of a clean full ingest."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

from core.di import Container
from tests.conftest import CORPUS, ROOT, make_settings


def _state(container: Container) -> set[tuple]:
    """What the index holds, independent of ids: (file name, chunk index, offsets, text) for every chunk."""
    return {(c.source.rsplit("/", 1)[-1], c.index, c.start, c.end, c.text) for c in container.store.all_chunks()}


def test_sigkill_at_any_moment_then_rerun_equals_clean_ingest(tmp_path, corpus_container):
    docs = tmp_path / "docs"
    shutil.copytree(CORPUS, docs)
    data = tmp_path / "data"
    env = {**os.environ, "RAG_EMBEDDING_CACHE": str(tmp_path / "fresh-cache.sqlite")}  # real embedding work to interrupt
    cmd = [sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "ingest", str(docs)]
    rng = random.Random(20261122)
    killed = 0
    for delay in [0.8, 2.0] + [rng.uniform(1.0, 6.0) for _ in range(2)]:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
    assert killed >= 2, "ingest finished before it could be interrupted; the test proves nothing"
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    recovered = Container(make_settings(data, tmp_path / "fresh-cache.sqlite"))
    chunks = list(recovered.store.all_chunks())
    assert len({c.chunk_id for c in chunks}) == len(chunks)  # no duplicates
    assert _state(recovered) == _state(corpus_container)
    assert {r.source.rsplit("/", 1)[-1] for r in recovered.store.documents()} == {p.name for p in CORPUS.glob("*.txt")}
    lexical = recovered.retriever.lexical.get()
    assert len(lexical.chunks) == len(chunks)
    again = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "unchanged 5" in again.stdout


def test_sigkill_during_a_question_leaves_the_index_usable(corpus_container, embedding_cache):
    data = corpus_container.settings.data_dir
    env = {**os.environ, "RAG_EMBEDDING_CACHE": str(embedding_cache)}
    cmd = [sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "ask", "--json"]
    proc = subprocess.Popen(cmd + ["Kon Tum tiếp giáp với những nước nào?"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    out = subprocess.run(cmd + ["An Giang ký biên bản ghi nhớ với tỉnh nào của Lào?"], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and "Champasak" in out.stdout


UPLOAD_SCRIPT = """
import sys
from pathlib import Path
from core.di import Container
from core.settings import Settings
from ui.uploads import ingest_uploads
c = Container(Settings(data_dir=Path(sys.argv[1]), embedding_cache=Path(sys.argv[2])))
print(ingest_uploads(c, [sys.argv[3]])[2], flush=True)
"""


def _upload(data, cache, file, kill_after: float | None):
    """Upload `file` through the page's upload path in a child process; SIGKILL it `kill_after` s after this
    version of the file lands in the uploads folder (None: let it finish). True when the kill hit a running upload."""
    proc = subprocess.Popen([sys.executable, "-c", UPLOAD_SCRIPT, str(data), str(cache), str(file)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if kill_after is None:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0 and ("added 1" in out or "updated 1" in out), err
        return False
    landed = data / "uploads" / file.name
    deadline = time.time() + 120
    want = file.read_bytes()
    while not (landed.exists() and landed.read_bytes() == want) and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(kill_after)
    alive = proc.poll() is None
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
    for round_ in range(3):  # a fresh embedding cache each time: the child really embeds when it is killed
        hits += _upload(data, tmp_path / f"cache{round_}.sqlite", upload, kill_after=rng.uniform(0.2, 3.0))
        seen = _check_consistent(Container(make_settings(data, tmp_path / "check.sqlite")), others)
        assert set(seen) - {p.name for p in CORPUS.glob("*.txt")} <= {upload.name}  # in whole, or not at all
    assert hits >= 2, "the uploads finished before they could be interrupted; the test proves nothing"

    # a replacing upload killed half-way leaves the previous version whole
    _upload(data, tmp_path / "cache-full.sqlite", upload, kill_after=None)
    before = _check_consistent(Container(make_settings(data, tmp_path / "check.sqlite")), others)[upload.name]
    upload.write_text(upload.read_text(encoding="utf-8") + "\n\nPhụ lục bổ sung: trong năm 2026 tỉnh đã đón tiếp 12 đoàn khách quốc tế đến làm việc.", encoding="utf-8")
    assert _upload(data, tmp_path / "cache-new.sqlite", upload, kill_after=0.5)
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
