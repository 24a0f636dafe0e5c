"""Document management, the use case behind the page's Library tab: list, read, delete and add documents.
The page goes through this, never to the store itself."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from components.store import ChunkStore, DocRecord
from core.settings import Settings
from ingest.pipeline import IngestReport, Ingestor


class Library:
    def __init__(self, settings: Settings, store: ChunkStore, ingestor: Callable[..., Ingestor],
                 on_change: Callable[[], None] = lambda: None):
        self.settings, self.store, self._ingestor, self._on_change = settings, store, ingestor, on_change

    def documents(self) -> list[DocRecord]:
        return self.store.documents()

    def text(self, doc_id: str) -> str | None:
        return self.store.get_text(doc_id)

    def add(self, paths: list[Path], progress=None) -> IngestReport:
        """Ingest these files without touching the rest of the index."""
        report = self._ingestor(progress).run(paths, prune=False)
        self._on_change()
        return report

    def delete(self, doc_id: str) -> str | None:
        """Remove one document (and its uploaded file, when it was one). Returns its source, or None if unknown.
        The uploaded file goes first: a delete killed half-way is finished by `reconcile()`, never undone."""
        rec = next((r for r in self.store.documents() if r.doc_id == doc_id), None)
        if rec is None:
            return None
        path = Path(rec.source).resolve()
        if path.parent == self.uploads and path.is_file():
            path.unlink()
        self.store.delete_document(doc_id)
        self._ingestor().refresh_lexical()  # rebuild and re-stamp, so every reader drops the deleted chunks
        self._on_change()
        return rec.source

    @property
    def uploads(self) -> Path:
        return (Path(self.settings.data_dir) / "uploads").resolve()

    def reconcile(self) -> IngestReport | None:
        """At start-up, finish what a killed upload or delete began: the index holds exactly the files in the
        uploads folder (new or changed ones are ingested, removed ones dropped, half-written copies deleted)."""
        if not self.uploads.is_dir():
            return None
        for part in self.uploads.glob(".part-*"):
            part.unlink(missing_ok=True)
        report = self._ingestor().run([self.uploads], prune=True)
        if report.changed:
            self._on_change()
        return report
