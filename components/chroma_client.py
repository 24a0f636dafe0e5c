"""Opening Chroma: a server (HttpClient) or the embedded store in <data_dir>/chroma, with messages that name the
data folder. A read-only embedded index is served from a private copy, since Chroma writes to its database
whenever it opens it."""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from core.datafolder import DataFolderError, check_for_questions, index_writable, inspect, writable
from core.errors import IndexCorrupt, RagError, StoreUnavailable
from core.settings import Settings


def open_client(settings: Settings):
    """(client, read-only folder or None). A read-only embedded index is served from a private copy: Chroma
    writes to its database whenever it opens it, and a read-only folder must still answer questions."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_host:
            headers = {"Authorization": f"Bearer {settings.chroma_token.get_secret_value()}"} if settings.chroma_token else None
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, headers=headers, settings=chroma_settings), None
        path, read_only = settings.chroma_dir, None
        if path.is_dir() and not index_writable(path):
            read_only = Path(settings.data_dir)
            copy = Path(tempfile.mkdtemp(prefix="rag-readonly-index-"))
            atexit.register(shutil.rmtree, copy, ignore_errors=True)
            path = Path(shutil.copytree(path, copy / "chroma", copy_function=shutil.copyfile))
            for p in (path, *path.rglob("*")):
                p.chmod(0o700 if p.is_dir() else 0o600)  # the copy is ours to write, whatever the source's modes
        elif not path.exists():
            if not _creatable(path):
                check_for_questions(inspect(settings))  # names the folder: missing, or read-only without an index
            path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings), read_only
    except (DataFolderError, OSError) as exc:
        if isinstance(exc, DataFolderError):
            raise
        raise DataFolderError(f"cannot open the index in the {inspect(settings).describe()}: {exc}") from exc
    except Exception as exc:
        if settings.chroma_host:
            raise StoreUnavailable(f"the Chroma server at {settings.chroma_host}:{settings.chroma_port} does not answer ({exc}); "
                                   "check that it is running (`chroma run --path DIR --port N`).") from exc
        raise open_error(settings, exc) from exc


def open_error(settings: Settings, exc: Exception) -> RagError:
    """A store that does not open: a folder we may not write (the index may be fine) or a damaged index."""
    if "readonly" in str(exc).lower() or "permission" in str(exc).lower():
        return DataFolderError(f"the index in the {inspect(settings).describe()} cannot be opened for writing ({exc}); "
                               "make the folder and its files writable for this user.")
    return IndexCorrupt(f"cannot open the Chroma store at {settings.chroma_dir}: {exc}. "
                        "Run `python app.py ingest --rebuild` to rebuild it.")


def _creatable(path: Path) -> bool:
    """Whether the folder can be made: its nearest existing parent can be written."""
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent.is_dir() and writable(parent)
