"""The command-line contract scripts rely on: `app.py ask --json`, `--questions`, errors as messages."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args, data_dir, cache, timeout=300, env=None):
    env = {**os.environ, "RAG_EMBEDDING_CACHE": str(cache), "RAG_CORPUS_DIR": str(ROOT / "corpus"), **(env or {})}
    return subprocess.run([sys.executable, str(ROOT / "app.py"), "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


def test_ask_json_and_questions_file(corpus_container, embedding_cache, tmp_path):
    data = corpus_container.settings.data_dir
    out = run("ask", "Kon Tum tiếp giáp với những nước nào?", "--json", data_dir=data, cache=embedding_cache)
    assert out.returncode == 0, out.stderr
    obj = json.loads(out.stdout)
    assert obj["abstained"] is False and "Lào" in obj["answer"] and len(obj["retrieved"]) >= 10
    qfile = tmp_path / "q.jsonl"
    qfile.write_text("\n".join(json.dumps({"id": i, "question": q}, ensure_ascii=False) for i, q in
                               [("a", "An Giang ký biên bản ghi nhớ với tỉnh nào của Lào?"), ("b", "   ")]), encoding="utf-8")
    out = run("ask", "--json", "--questions", str(qfile), data_dir=data, cache=embedding_cache)
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert "Champasak" in lines[0]["answer"] and lines[1]["abstained"] is True


def test_corrupt_index_gives_a_message_not_a_traceback(tmp_path, embedding_cache):
    data = tmp_path / "data"
    (data / "chroma").mkdir(parents=True)
    (data / "chroma" / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    out = run("ask", "Kon Tum?", "--json", data_dir=data, cache=embedding_cache)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith("error:") and "--rebuild" in out.stderr


def test_ask_on_an_empty_index_says_so(tmp_path, embedding_cache):
    out = run("ask", "Kon Tum tiếp giáp với những nước nào?", "--json", data_dir=tmp_path / "fresh", cache=embedding_cache)
    assert out.returncode == 1 and "Traceback" not in out.stderr and "ingest" in out.stderr


def test_missing_index_names_the_command_that_builds_it(tmp_path, embedding_cache):
    out = run("ask", "Kon Tum?", "--json", data_dir=tmp_path / "nothing-here", cache=embedding_cache)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith("error:") and "python app.py ingest" in out.stderr


@pytest.mark.slow
def test_questions_file_with_history_gives_asked_as(tmp_path):
    """`ask --json --questions FILE`: a line's `history` (earlier questions, oldest first) makes its question
    standalone, and `asked_as` says how it was understood. A small data folder, the deterministic embedder."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("001_fa92974233446845.txt", "002_2dc6bf13558371b9.txt"):  # Kon Tum and An Giang
        shutil.copy(ROOT / "corpus" / name, docs / name)
    env = {"RAG_EMBEDDER": "hash"}
    data, cache = tmp_path / "data", tmp_path / "cache.sqlite"
    out = run("ingest", str(docs), data_dir=data, cache=cache, env=env)
    assert out.returncode == 0, out.stderr
    lines = [{"id": "doc", "question": "Ai ban hành nó?",
              "history": ["Chỉ thị nào quy định về quản lý đoàn đi công tác nước ngoài?"]},
             {"id": "place", "question": "Còn An Giang thì sao?", "history": ["Kon Tum tiếp giáp với những nước nào?"]},
             {"id": "alone", "question": "Ai ban hành nó?"},
             {"id": "plain", "question": "Kon Tum tiếp giáp với những nước nào?"}]
    qfile = tmp_path / "q.jsonl"
    qfile.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    out = run("ask", "--json", "--questions", str(qfile), data_dir=data, cache=cache, env=env)
    assert out.returncode == 0, out.stderr
    got = {x["id"]: x for x in map(json.loads, out.stdout.splitlines())}
    assert got["doc"]["asked_as"] == "Ai ban hành Chỉ thị 38-CT/TW?" and got["doc"]["question"] == "Ai ban hành nó?"
    assert got["doc"]["short_answer"]["text"] == "Bộ Chính trị" and got["doc"]["abstained"] is False
    assert got["place"]["asked_as"] == "An Giang tiếp giáp với những nước nào?"
    assert got["alone"]["asked_as"] == "Ai ban hành nó?" and got["alone"]["abstained"] is True
    assert got["alone"]["abstain_reason"] == "unresolved reference"
    assert got["plain"]["asked_as"] == got["plain"]["question"]
