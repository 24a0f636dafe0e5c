"""access.audit: entries appended as whole lines, read newest first; SIGKILL never leaves a torn line."""
from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time

import pytest

from access.audit import Actor, AuditEntry, AuditLog
from tests.conftest import ROOT


def test_record_and_read_back(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    assert log.recent() == [] and list(log.entries()) == []
    log.record(Actor("lan", "10.0.0.5"), "upload", "added", file="uploads/kế hoạch.txt", doc_id="d1", content_hash="ab" * 32)
    log.record(Actor("cli:root"), "account.add", "ok", detail="minh (reader)")
    lines = (tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["who"] == "lan" and first["address"] == "10.0.0.5" and first["file"] == "uploads/kế hoạch.txt"
    assert first["doc_id"] == "d1" and first["content_hash"] == "ab" * 32 and first["outcome"] == "added" and first["ts"]
    assert "detail" not in first  # empty fields are left out
    assert [e.action for e in log.recent()] == ["account.add", "upload"]
    assert [e.action for e in log.entries()] == ["upload", "account.add"]


def test_recent_reads_the_tail_of_a_long_log_and_skips_bad_lines(tmp_path):
    path = tmp_path / "audit.jsonl"
    log = AuditLog(path)
    for i in range(400):  # 130 KB: more than the 64 KB block read from the end
        log.append(AuditEntry("w", "login", "failed", detail=f"n{i}" + "x" * 300))
    with open(path, "ab") as f:
        f.write(b'{"who": "torn", "act')  # what a writer killed mid-line (or a full disk) could leave
    assert log.recent(1)[0].detail.startswith("n399")  # readers skip it
    log.record(Actor("after"), "login", "ok")
    recent = log.recent(50)
    assert len(recent) == 50 and recent[0].who == "after" and recent[1].detail.startswith("n399")
    assert b"torn" not in path.read_bytes()  # the next writer cut it off
    assert sum(1 for _ in log.entries()) == 401 == len(path.read_text().splitlines())


def test_long_values_are_capped_so_a_line_is_written_at_once(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    log.record(Actor("x" * 10_000), "login", "failed", detail="y" * 100_000)
    line = (tmp_path / "audit.jsonl").read_bytes()
    assert len(line) < 4096 and json.loads(line)["who"].endswith("…")


def test_newlines_in_values_cannot_forge_lines(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    log.record(Actor("a\n{\"who\": \"forged\"}"), "upload", "rejected", file="x\ny.txt")
    assert len((tmp_path / "audit.jsonl").read_text().splitlines()) == 1


def test_a_log_that_cannot_be_written_does_not_break_the_action(tmp_path, caplog):
    (tmp_path / "ro").write_text("a file where the folder should be")
    entry = AuditLog(tmp_path / "ro" / "audit.jsonl").record(Actor("a"), "login", "ok")
    assert entry.who == "a" and "audit entry not written" in caplog.text


APPENDER = """
import sys
from access.audit import Actor, AuditLog
log = AuditLog(sys.argv[1])
i = 0
while True:
    log.record(Actor(sys.argv[2]), "upload", "added", file=f"tệp-{i}.txt", detail="x" * (i % 700))
    i += 1
"""


@pytest.mark.slow
def test_sigkill_while_two_processes_append_leaves_only_whole_lines(tmp_path):
    path = tmp_path / "audit.jsonl"
    rng = random.Random(20261201)
    for _ in range(4):
        procs = [subprocess.Popen([sys.executable, "-c", APPENDER, str(path), f"p{k}"], cwd=ROOT) for k in range(2)]
        want = (path.stat().st_size if path.exists() else 0) + rng.randrange(20_000, 80_000)  # kill once grown this far
        deadline = time.monotonic() + 60
        while (not path.exists() or path.stat().st_size < want) and time.monotonic() < deadline:
            time.sleep(0.01)
        alive = [p.poll() is None for p in procs]
        for p in procs:
            p.send_signal(signal.SIGKILL)
            p.wait()
        assert all(alive), "an appender ended before it was killed"
        lines = path.read_bytes().split(b"\n")
        assert all(json.loads(x) for x in lines[:-1])  # whole lines; only the one being written can be cut
    AuditLog(path).record(Actor("next"), "login", "ok")  # as the next start would
    raw = path.read_bytes()
    assert raw.endswith(b"\n")
    lines = raw.decode("utf-8").splitlines()
    parsed = [json.loads(line) for line in lines]  # every line is whole JSON
    assert len(parsed) > 100 and {p["who"] for p in parsed} == {"p0", "p1", "next"}
    assert sum(1 for _ in AuditLog(path).entries()) == len(lines)
