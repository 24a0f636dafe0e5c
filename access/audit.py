"""The audit trail: one JSON object per line, appended to <data_dir>/audit.jsonl. Who, when, what (file name,
document id, content hash) and the outcome of every upload, replacement, delete, account change, login and refused
admin action.

Each entry is written by one write() on a file opened with O_APPEND and then fsynced. The kernel appends a
write to a regular file whole, so a SIGKILL leaves the line entirely written or not at all, and several processes
(the page, the CLI) can append at once. A reader still skips any line that does not parse."""
from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Iterator

log = logging.getLogger(__name__)
TAIL_BLOCK = 64 * 1024


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
        data = (entry.to_json().replace("\n", " ") + "\n").encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    data = b"\n" + data  # a line torn by a full disk stays apart from this one
                written = os.write(fd, data)
                if written != len(data):  # only on a full disk; the reader skips the partial line
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
