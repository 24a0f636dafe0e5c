"""Document management, the use case behind the page's Library tab: list, read, delete and add documents.
The page goes through this, never to the store itself. Every change is written to the audit trail with who made it."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from access.audit import Actor, AuditLog
from components.store import ChunkStore, DocRecord
from core.settings import Settings
from ingest.pipeline import IngestReport, Ingestor, doc_id_for, file_hash, source_name

STARTUP = Actor("startup")


def raw_hash(content_hash: str) -> str:
    """The file's sha256 from a stored content hash ("p1:<sha256>": the pipeline version comes first)."""
    return content_hash.rsplit(":", 1)[-1]


class Library:
    def __init__(self, settings: Settings, store: ChunkStore, ingestor: Callable[..., Ingestor],
                 on_change: Callable[[], None] = lambda: None, audit: AuditLog | None = None):
        self.settings, self.store, self._ingestor, self._on_change = settings, store, ingestor, on_change
        self.audit = audit

    def documents(self) -> list[DocRecord]:
        return self.store.documents()

    def text(self, doc_id: str) -> str | None:
        return self.store.get_text(doc_id)

    def add(self, paths: list[Path], progress=None, actor: Actor = STARTUP) -> IngestReport:
        """Ingest these files without touching the rest of the index; one audit entry per file."""
        try:
            report = self._ingestor(progress).run(paths, prune=False)
        except Exception as exc:
            for p in paths:
                self._record(actor, "upload", "failed", Path(p), detail=f"{type(exc).__name__}: {exc}")
            raise
        self._on_change()
        self._record_report(actor, report, paths)
        return report

    def record_rejection(self, actor: Actor, name: str, reason: str) -> None:
        """An upload refused before it was saved (type, size, name)."""
        if self.audit is not None:
            self.audit.record(actor, "upload", "rejected", file=name, detail=reason)

    def delete(self, doc_id: str, actor: Actor = STARTUP) -> str | None:
        """Remove one document (and its uploaded file, when it was one). Returns its source, or None if unknown.
        The uploaded file goes first: a delete killed half-way is finished by `reconcile()`, never undone."""
        rec = next((r for r in self.store.documents() if r.doc_id == doc_id), None)
        if rec is None:
            if self.audit is not None:
                self.audit.record(actor, "delete", "not found", doc_id=doc_id)
            return None
        path = Path(rec.source).resolve()
        if path.parent == self.uploads and path.is_file():
            path.unlink()
        self.store.delete_document(doc_id)
        self._ingestor().refresh_lexical()  # rebuild and re-stamp, so every reader drops the deleted chunks
        self._on_change()
        if self.audit is not None:
            self.audit.record(actor, "delete", "ok", file=rec.source, doc_id=doc_id, content_hash=raw_hash(rec.content_hash))
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
            self._record_report(STARTUP, report, [], only_changes=True)
        return report

    # ---- audit
    def _record_report(self, actor: Actor, report: IngestReport, paths: list[Path], only_changes: bool = False) -> None:
        if self.audit is None:
            return
        outcome = {s: ("upload", "added") for s in report.added}
        outcome.update({s: ("replace", "updated") for s in report.updated})
        outcome.update({s: ("delete", "removed") for s in report.removed})
        if not only_changes:
            outcome.update({s: ("upload", "unchanged") for s in report.unchanged})
        reasons = dict(report.skipped)
        versions = self.store.versions() if outcome else {}
        sources = {source_name(Path(p)): Path(p) for p in paths}
        for source in sorted(set(outcome) | (set(reasons) & set(sources))):
            action, result = outcome.get(source, ("upload", "skipped"))
            doc_id = doc_id_for(source)
            stored = versions.get(doc_id)
            path = sources.get(source)
            digest = raw_hash(stored) if stored else (file_hash(path) if path is not None and path.is_file() else None)
            self.audit.record(actor, action, result, file=source, doc_id=doc_id if stored or action == "delete" else None,
                              content_hash=digest, detail=reasons.get(source))

    def _record(self, actor: Actor, action: str, outcome: str, path: Path, detail: str | None = None) -> None:
        if self.audit is not None:
            self.audit.record(actor, action, outcome, file=source_name(path), detail=detail)
