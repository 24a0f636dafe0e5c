"""The audit trail: one JSON object per line, appended to <data_dir>/audit.jsonl. Who, when, what (file name,
document id, content hash) and the outcome of every upload, replacement, delete, account change, login and refused
admin action.

Each entry is one write() of a whole line (kept under a page: fields are capped) on a file opened with O_APPEND,
under an exclusive lock, then fsynced; the page and the CLI can append at once. A SIGKILL can at most cut the line
being written: readers skip a line that does not parse, and the next writer cuts such a tail off before it appends."""
from __future__ import annotations

import fcntl
import json
import logging
import os
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Iterator

log = logging.getLogger(__name__)
TAIL_BLOCK = 64 * 1024
LIMITS = {"who": 200, "file": 1000, "doc_id": 100, "content_hash": 100, "address": 100, "detail": 1500}  # a line < 4 KB


def _cap(value, limit: int | None):
    return value[:limit] + "…" if isinstance(value, str) and limit and len(value) > limit else value


@dataclass(frozen=True)
class Actor:
    """Who does something: an account name ("admin" for RAG_ADMIN_PASSWORD, "cli:<os user>", "startup") and the
    client address when it came over the network."""

    name: str
    address: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    who: str
    action: str  # upload, replace, delete, login, account.add, account.remove, account.passwd, account.key, backup, restore ...
    outcome: str  # ok, added, updated, unchanged, skipped, rejected, failed, denied, throttled, not found
    file: str | None = None
    doc_id: str | None = None
    content_hash: str | None = None
    address: str | None = None
    detail: str | None = None
    ts: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%S%z"))

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if v is not None}, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> "AuditEntry | None":
        try:
            obj = json.loads(line)
            names = {f.name for f in fields(cls)}
            return cls(**{k: v for k, v in obj.items() if k in names})
        except (ValueError, TypeError):
            return None


class AuditLog:
    def __init__(self, path: Path):
        self.path = Path(path)

    def record(self, actor: Actor, action: str, outcome: str, **what) -> AuditEntry:
        return self.append(AuditEntry(actor.name, action, outcome, address=actor.address, **what))

    def append(self, entry: AuditEntry) -> AuditEntry:
        """Append one entry durably. A log that cannot be written (read-only folder, full disk) is reported in the
        application log; the action it describes is not undone."""
        entry = AuditEntry(**{k: _cap(v, LIMITS.get(k)) for k, v in asdict(entry).items()})
        data = (entry.to_json().replace("\n", " ") + "\n").encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":  # the tail of a killed writer
                    tail = os.pread(fd, min(size, TAIL_BLOCK), size - min(size, TAIL_BLOCK))
                    cut = tail.rfind(b"\n")
                    if cut >= 0 or size <= TAIL_BLOCK:
                        os.ftruncate(fd, size - len(tail) + cut + 1)
                    else:
                        data = b"\n" + data
                written = os.write(fd, data)
                if written != len(data):  # only on a full disk; cut off by the next writer
                    raise OSError(f"wrote {written} of {len(data)} bytes")
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            log.error("audit entry not written to %s (%s): %s", self.path, exc, entry.to_json())
        return entry

    def entries(self) -> Iterator[AuditEntry]:
        """Every readable entry, oldest first."""
        try:
            with open(self.path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.strip() and (e := AuditEntry.from_json(line)) is not None:
                        yield e
        except FileNotFoundError:
            return

    def recent(self, n: int = 50) -> list[AuditEntry]:
        """The last `n` readable entries, newest first, read from the end of the file."""
        try:
            with open(self.path, "rb") as f:
                pos = f.seek(0, os.SEEK_END)
                buf = b""
                while True:
                    lines = buf.decode("utf-8", errors="replace").splitlines()
                    lines = lines[1:] if pos > 0 else lines  # a block read from mid-file starts inside a line
                    found = [e for line in lines if line.strip() and (e := AuditEntry.from_json(line)) is not None]
                    if len(found) >= n or pos == 0:
                        return found[-n:][::-1]
                    step = min(TAIL_BLOCK, pos)
                    pos -= step
                    f.seek(pos)
                    buf = f.read(step) + buf
        except FileNotFoundError:
            return []
