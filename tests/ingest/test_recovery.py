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
