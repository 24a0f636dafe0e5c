"""Snapshots of a data folder, taken while the page serves it, and their restore.

A snapshot is a folder: `chroma/` (a fresh embedded Chroma store holding a copy of the chunks, vectors and document
records, which are also the ingest manifest), `uploads/`, `feedback.sqlite`, `accounts.json`, `audit.jsonl` and
`backup.json` (what it holds, with a sha256 of every file). The index is copied through the Chroma API, document by
document as committed (ChunkStore.copy_to), so an upload running meanwhile is in the snapshot whole or not at all;
feedback through SQLite's online backup; the accounts file is replaced atomically, so any read is whole; the audit
trail is append-only and copied up to its last complete line. It is written beside DIR and renamed into place,
so DIR never holds half a snapshot. The BM25 index and the embedding cache are derived data and are rebuilt."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from components.store import ChunkStore
from core.errors import RagError
from core.files import sha256_file
from core.settings import Settings

FORMAT = 1
MANIFEST = "backup.json"
FILES = ("feedback.sqlite", "accounts.json", "audit.jsonl")
DERIVED = ("lexical.pkl",)


class BackupError(RagError):
    pass


@dataclass(frozen=True)
class SnapshotReport:
    path: Path
    documents: int
    chunks: int
    uploads: int
    files: tuple[str, ...]
    server: str | None
    seconds: float

    def summary(self) -> str:
        text = (f"snapshot in {self.path}: {self.documents} documents ({self.chunks} passages), {self.uploads} uploaded "
                f"files, {', '.join(self.files) or 'no other files'}; {self.seconds:.1f} s")
        if self.server:
            text += ("\nThe index lives on the Chroma server at " + self.server + ": this snapshot holds a copy of this "
                     "app's two collections, taken through the server's API. The server's own folder (its --path) holds "
                     "them with any other collections and tenants; back that folder up on the server's side, with the "
                     "server stopped or from a filesystem snapshot, since Chroma has no online backup command.")
        return text


def _sources(settings: Settings) -> dict[str, Path]:
    return {"feedback.sqlite": Path(settings.data_dir) / "feedback.sqlite", "accounts.json": settings.accounts_path,
            "audit.jsonl": settings.audit_path}


def _copy_file(name: str, src: Path, dst: Path) -> bool:
    if not src.is_file():
        return False
    if name.endswith(".sqlite"):
        with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as inp, sqlite3.connect(dst) as out:
            inp.backup(out)  # a consistent copy while the page writes ratings
    elif name.endswith(".jsonl"):
        with open(src, "rb") as f:
            data = f.read()
        dst.write_bytes(data[: data.rfind(b"\n") + 1])  # an entry being appended right now waits for the next backup
    else:
        shutil.copyfile(src, dst)
    return True


def take_snapshot(settings: Settings, store: ChunkStore, dest: Path) -> SnapshotReport:
    t0 = time.perf_counter()
    dest = Path(dest).resolve()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} exists and is not empty: give each snapshot a new folder (e.g. DIR/$(date +%F-%H%M)).")
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = dest.parent / f".{dest.name}.partial-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        snap = ChunkStore(settings.model_copy(update={"data_dir": work, "chroma_host": None}), store.embedder_name)
        documents, chunks = store.copy_to(snap)
        uploads_src, uploads_dst = Path(settings.data_dir) / "uploads", work / "uploads"
        uploads_dst.mkdir()
        n_uploads = 0
        if uploads_src.is_dir():
            for f in sorted(uploads_src.iterdir()):
                if f.is_file() and not f.name.startswith("."):  # .part-* are half-written uploads
                    shutil.copy2(f, uploads_dst / f.name)
                    n_uploads += 1
        copied = tuple(name for name, src in _sources(settings).items() if _copy_file(name, src, work / name))
        files = {str(p.relative_to(work)): sha256_file(p) for p in sorted(work.rglob("*"))
                 if p.is_file() and p.relative_to(work).parts[0] != "chroma"}
        server = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else None
        manifest = {"format": FORMAT, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "source": str(Path(settings.data_dir).resolve()),
                    "server": server, "collection": settings.collection, "embedding_model": store.embedder_name,
                    "documents": documents, "chunks": chunks, "uploads": n_uploads, "files": files}
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        snap.close()
        if dest.exists():
            dest.rmdir()
        os.replace(work, dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return SnapshotReport(dest, documents, chunks, n_uploads, copied, server, time.perf_counter() - t0)


@dataclass(frozen=True)
class RestoreReport:
    documents: int
    chunks: int
    uploads: int
    files: tuple[str, ...]
    set_aside: Path | None
    reingest: int = 0  # uploaded documents left for the uploads folder's reconcile (the data folder moved)

    def summary(self) -> str:
        kept = f"; what was there before is in {self.set_aside}" if self.set_aside else ""
        again = (f"; {self.reingest} uploaded document(s) are named by their old folder and are ingested again from "
                 "uploads/" if self.reingest else "")
        return (f"restored {self.documents} documents ({self.chunks} passages), {self.uploads} uploaded files, "
                f"{', '.join(self.files) or 'no other files'}{kept}{again}")


def _under(source: str, folder: Path) -> bool:
    return Path(source).resolve().is_relative_to(folder)


def read_manifest(src: Path) -> dict:
    src = Path(src)
    try:
        manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{src} is not a snapshot made by `python app.py backup` ({MANIFEST}: {exc}).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{src}: snapshot format {manifest.get('format')!r} is not {FORMAT}.")
    for rel, digest in manifest["files"].items():
        if not (src / rel).is_file() or sha256_file(src / rel) != digest:
            raise BackupError(f"{src / rel} is missing or changed since the snapshot was taken; the snapshot is damaged.")
    return manifest


def restore_snapshot(settings: Settings, src: Path) -> RestoreReport:
    """Bring a snapshot back into settings' data folder (and Chroma server, if one is set). What the folder held
    is moved to <data_dir>/.before-restore-<time>/ first, never deleted. The page must be stopped (app.py checks)."""
    src = Path(src).resolve()
    manifest = read_manifest(src)
    data = Path(settings.data_dir).resolve()
    data.mkdir(parents=True, exist_ok=True)
    targets = {"uploads": data / "uploads", **_sources(settings), **{d: data / d for d in DERIVED}}
    if not settings.chroma_host:
        targets["chroma"] = settings.chroma_dir
    aside = data / f".before-restore-{time.strftime('%Y%m%d-%H%M%S')}"
    set_aside = False
    for name, path in targets.items():
        if path.exists():
            aside.mkdir(exist_ok=True)
            os.replace(path, aside / name)
            set_aside = True
    # An uploaded document is named by its path: restored into another folder it would stand beside its own file
    # under the new uploads/, so it is left out here and ingested again from there (Library.reconcile, app.py).
    old_uploads = (Path(manifest["source"]) / "uploads").resolve()
    moved = old_uploads != targets["uploads"].resolve()
    snap = ChunkStore(settings.model_copy(update={"data_dir": src, "chroma_host": None}), manifest["embedding_model"])
    target = ChunkStore(settings, manifest["embedding_model"])
    try:
        skipped = sum(1 for r in snap.documents() if moved and _under(r.source, old_uploads))
        documents, chunks = snap.copy_to(target, keep=lambda r: not (moved and _under(r.source, old_uploads)))
    finally:
        snap.close()
        target.close()
    shutil.copytree(src / "uploads", targets["uploads"])
    restored = []
    for name, path in _sources(settings).items():
        if (src / name).is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / name, path)
            restored.append(name)
    return RestoreReport(documents, chunks, len(list((src / "uploads").iterdir())), tuple(restored),
                         aside if set_aside else None, skipped)
