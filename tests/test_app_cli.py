"""The command-line contract scripts rely on: `app.py ask --json`, `--questions`, errors as messages; accounts;
the data folder in each state a person can hand us (missing, mistyped, read-only with or without an index)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port


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


# ---- accounts (`users`), with the password on standard input as a script gives it
def users(*args, data_dir, stdin: str | None = None):
    return subprocess.run([sys.executable, str(ROOT / "app.py"), "--data-dir", str(data_dir), "users", *args],
                          input=stdin, capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_users_commands_keep_hashed_accounts_and_audit_each_change(tmp_path):
    data = tmp_path / "data"
    assert users("add", "lan", "--role", "admin", data_dir=data, stdin="correct horse\n").returncode == 0
    assert users("add", "minh", "--role", "reader", data_dir=data, stdin="battery staple").returncode == 0
    listed = users("list", data_dir=data).stdout
    assert "lan" in listed and "admin" in listed and "minh" in listed and "reader" in listed
    short = users("add", "x", "--role", "reader", data_dir=data, stdin="short\n")
    assert short.returncode == 1 and short.stderr.startswith("error:") and "at least 8" in short.stderr
    bad_role = users("add", "x", "--role", "owner", data_dir=data, stdin="long enough\n")
    assert bad_role.returncode == 2 and "invalid choice" in bad_role.stderr
    key = users("key", "minh", data_dir=data).stdout.strip().splitlines()[-1]
    assert key.startswith("rag_")
    assert users("passwd", "minh", data_dir=data, stdin="new password 2\n").returncode == 0
    missing = users("passwd", "nobody", data_dir=data, stdin="whatever long\n")
    assert missing.returncode == 1 and "no account named 'nobody'" in missing.stderr and "lan, minh" in missing.stderr
    assert users("remove", "lan", data_dir=data).returncode == 0

    from access.accounts import AccountStore
    from access.audit import AuditLog

    store = AccountStore(data / "accounts.json")
    assert [a.name for a in store.list()] == ["minh"] and store.verify_password("minh", "new password 2")
    assert store.verify_api_key(key).name == "minh"
    assert "correct horse" not in (data / "accounts.json").read_text() and key not in (data / "accounts.json").read_text()
    trail = [(e.action, e.outcome, e.detail) for e in AuditLog(data / "audit.jsonl").entries()]
    assert trail == [("account.add", "ok", "lan (admin)"), ("account.add", "ok", "minh (reader)"), ("account.key", "ok", "minh"),
                     ("account.passwd", "ok", "minh"), ("account.remove", "ok", "lan")]
    assert all(e.who.startswith("cli:") for e in AuditLog(data / "audit.jsonl").entries())


def test_the_network_needs_accounts(tmp_path, embedding_cache):
    data = tmp_path / "data"
    data.mkdir()
    out = run("--host", "0.0.0.0", "--port", str(free_port()), data_dir=data, cache=embedding_cache, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "--host 0.0.0.0" in out.stderr and "python app.py users add NAME --role admin" in out.stderr
    assert not (data / "chroma").exists()  # refused before anything was ingested


# ---- the data folder: each case named, never a traceback, never --rebuild for an index that is fine
def test_a_mistyped_data_folder_is_named_and_not_created(tmp_path, embedding_cache):
    typo = tmp_path / "dta"
    for args in (("ask", "Kon Tum?", "--json"), ("--port", str(free_port()))):
        out = run(*args, data_dir=typo, cache=embedding_cache, timeout=120)
        assert out.returncode == 1 and "Traceback" not in out.stderr and "--rebuild" not in out.stderr
        assert f"data folder {typo} (it does not exist)" in out.stderr and "RAG_DATA_DIR" in out.stderr
        assert not typo.exists()  # no new empty index, no ingest into the wrong place


def readonly(cmd: list[str]) -> list[str]:
    """The command run so that permission bits bind it (root bypasses them unless its DAC capabilities are dropped)."""
    if os.geteuid() != 0:
        return cmd
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): a read-only folder cannot be simulated")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--", *cmd]


def make_readonly(path: Path) -> None:
    for p in [path, *path.rglob("*")]:
        p.chmod(p.stat().st_mode & ~0o222)


def snapshot_files(path: Path) -> dict:
    return {str(p.relative_to(path)): (p.stat().st_mtime_ns, p.stat().st_size) for p in path.rglob("*")}


def test_a_read_only_folder_without_an_index_says_so(tmp_path, embedding_cache):
    data = tmp_path / "ro-empty"
    data.mkdir()
    make_readonly(data)
    env = {**os.environ, "RAG_EMBEDDING_CACHE": str(embedding_cache)}
    for args in (["ask", "Kon Tum?", "--json"], ["--port", str(free_port())]):
        out = subprocess.run(readonly([sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), *args]), env=env,
                             capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert out.returncode == 1 and "Traceback" not in out.stderr and "--rebuild" not in out.stderr, out.stderr
        assert f"data folder {data} (read-only, holds no index)" in out.stderr


def test_a_read_only_folder_with_an_index_answers_and_writes_nothing(tmp_path, fast_container):
    data = tmp_path / "ro-index"
    shutil.copytree(fast_container.settings.data_dir, data)
    make_readonly(data)
    before = snapshot_files(data)
    env = {**os.environ, "RAG_EMBEDDER": "hash"}
    ask = subprocess.run(readonly([sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "ask", "--json",
                                   "Kon Tum tiếp giáp với những nước nào?"]), env=env, capture_output=True, text=True,
                         timeout=120, cwd=ROOT)
    assert ask.returncode == 0, ask.stderr
    assert "Lào" in json.loads(ask.stdout)["answer"]
    ingest = subprocess.run(readonly([sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "ingest", str(ROOT / "corpus")]),
                            env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert ingest.returncode == 1 and "read-only" in ingest.stderr and "--rebuild" not in ingest.stderr
    assert snapshot_files(data) == before
