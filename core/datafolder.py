"""The data folder as the person starting the app sees it: where it is, whether it exists, can be written and holds
an index, with messages that name it; and the lock a page holds on it, so a second page on the same embedded index is
refused instead of writing it at the same time."""
from __future__ import annotations

import fcntl
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from core.errors import RagError
from core.settings import Settings

LOCK_NAME = ".page.lock"


class DataFolderError(RagError):
    """The data folder cannot serve what was asked; the message names it and says what to do."""


class PageRunning(RagError):
    """Another page holds the data folder."""


def writable(path: Path) -> bool:
    """Whether this process can create files in `path` (probed: permission bits alone mislead root)."""
    try:
        with tempfile.TemporaryFile(dir=path, prefix=".probe-"):
            return True
    except OSError:
        return False


def index_writable(chroma_dir: Path) -> bool:
    """Whether an embedded Chroma folder can be written: the folder and its database file."""
    if not writable(chroma_dir):
        return False
    db = chroma_dir / "chroma.sqlite3"
    try:
        with open(db, "r+b"):
            return True
    except FileNotFoundError:
        return True
    except OSError:
        return False


@dataclass(frozen=True)
class FolderState:
    path: Path
    exists: bool
    is_dir: bool
    writable: bool
    has_index: bool  # an embedded index is there (always True with a Chroma server: the server holds it)
    explicit: bool  # named by --data-dir / RAG_DATA_DIR rather than the default
    server: str | None  # "host:port" of a Chroma server

    def describe(self) -> str:
        where = f"data folder {self.path}"
        if not self.exists:
            return f"{where} (it does not exist)"
        if not self.is_dir:
            return f"{where} (it is a file, not a folder)"
        index = f"index on the Chroma server at {self.server}" if self.server else \
            ("holds an index" if self.has_index else "holds no index")
        return f"{where} ({'writable' if self.writable else 'read-only'}, {index})"


def inspect(settings: Settings) -> FolderState:
    path = Path(settings.data_dir).expanduser().resolve()
    exists, is_dir = path.exists(), path.is_dir()
    server = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else None
    has_index = bool(server) or (path / "chroma" / "chroma.sqlite3").is_file()
    return FolderState(path, exists, is_dir, is_dir and writable(path), has_index, settings.explicit_data_dir, server)


def _build_hint(state: FolderState) -> str:
    return f"run `python app.py ingest [PATH ...]` (default corpus/) with --data-dir {state.path}"


def check_for_questions(state: FolderState) -> None:
    """Raise with a clear message unless this folder can answer questions (an index exists there)."""
    if state.exists and not state.is_dir:
        raise DataFolderError(f"{state.describe()}: point --data-dir / RAG_DATA_DIR at the index folder.")
    if not state.exists:
        raise DataFolderError(f"{state.describe()}, so there is no index there. Check --data-dir / RAG_DATA_DIR for a "
                              f"typo; to build a new index in it, {_build_hint(state)}.")
    if not state.has_index and not state.writable:
        raise DataFolderError(f"{state.describe()}: there is nothing to answer from. Build the index in a folder this "
                              f"user can write ({_build_hint(state)[4:]}), or make {state.path} writable.")
    if not state.has_index:
        raise DataFolderError(f"no documents are indexed yet in the {state.describe()}: {_build_hint(state)}.")


def check_for_serving(state: FolderState) -> bool:
    """Raise unless a page can start on this folder. True when the index must be built first (a first start)."""
    if state.exists and not state.is_dir:
        raise DataFolderError(f"{state.describe()}: point --data-dir / RAG_DATA_DIR at the index folder.")
    if not state.exists and state.explicit:
        raise DataFolderError(f"{state.describe()}, so there is no index there and no uploads. Check --data-dir / "
                              f"RAG_DATA_DIR for a typo. To start a new index in it, create the folder first "
                              f"(mkdir -p {state.path}) or {_build_hint(state)}.")
    if state.exists and not state.has_index and not state.writable:
        check_for_questions(state)
    return not state.has_index


class PageLock:
    """An exclusive lock on <data_dir>/.page.lock, held while a page serves an embedded index. Released by the
    kernel when the process ends, however it ends."""

    def __init__(self, path: Path, fd: int):
        self.path, self._fd = path, fd

    @classmethod
    def acquire(cls, settings: Settings, what: str) -> "PageLock | None":
        """The lock, or None where no lock is needed (a Chroma server, a read-only folder). PageRunning when held."""
        state = inspect(settings)
        if state.server or not state.writable:
            return None
        path = state.path / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise PageRunning(f"{holder} already uses the data folder {state.path}. Two pages on one embedded index "
                              "would write it at the same time: stop the other one first, give this one its own "
                              "--data-dir, or share one index through a Chroma server (README: One store for a "
                              "department).") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{what} (pid {os.getpid()})".encode(), 0)
        return cls(path, fd)

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
