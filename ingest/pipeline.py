"""load -> clean -> chunk -> embed -> store, incrementally. The documents collection is the manifest of content
hashes: an unchanged file costs one hash; a changed one is replaced; a removed one is deleted."""
from __future__ import annotations

import dataclasses
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from vntext.analyzer import VERSION as ANALYZER_VERSION, Analyzer
from components.embedder import Embedder
from components.lexical import discard_saved, load_or_build_lexical
from components.store import ChunkStore, DocRecord, fingerprint_of
from core.errors import SkipFile
from core.files import sha256_file as file_hash
from core.settings import Settings
from core.types import Chunk, Document
from ingest.chunking import chunk_text
from ingest.cleaning import clean_with_spans, extract_metadata
from ingest.loaders import SUPPORTED_EXTENSIONS, Extractors, LoadedFile, load_file
from regulations.extract import extract_references
from regulations.index import detect_official_header
from vntext.normalize import normalize

PIPELINE_VERSION = "p4"  # part of every stored hash: a new extraction/cleaning/chunking version re-ingests everything
BATCH_CHUNKS = 64  # documents are embedded and written together until this many chunks are pending


@dataclass(frozen=True)
class _Prepared:
    doc: Document
    chunks: list[Chunk]
    extra: dict
    replace: bool


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (path, what extraction did: OCR, encoding, .doc)
    chunks: int = 0  # chunks written in this run
    seconds: float = 0.0
    embed_seconds: float = 0.0
    repaired: int = 0  # documents whose half-written chunks were removed

    @property
    def changed(self) -> bool:
        """Whether this run changed the index."""
        return bool(self.added or self.updated or self.removed or self.repaired)

    def summary(self) -> str:
        lines = [f"added {len(self.added)}, updated {len(self.updated)}, unchanged {len(self.unchanged)}, "
                 f"removed {len(self.removed)}, skipped {len(self.skipped)}; {self.chunks} chunks in {self.seconds:.1f} s"
                 f" (embedding {self.embed_seconds:.1f} s)"]
        lines += [f"  {p}: {note}" for p, note in self.notes]
        lines += [f"  skipped {p}: {why}" for p, why in self.skipped]
        if self.repaired:
            lines.append(f"  repaired {self.repaired} interrupted document(s) from an earlier run")
        return "\n".join(lines)


def source_name(path: Path) -> str:
    """How a file is named in the index: relative to the working directory when it is below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def doc_id_for(source: str) -> str:
    return hashlib.sha1(source.encode()).hexdigest()[:16]


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    files, missing = [], []
    for p in paths:
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        elif p.is_file():
            files.append(p)
        else:
            missing.append((str(p), "no such file or folder"))
    return files, missing


class Ingestor:
    def __init__(self, settings: Settings, store: ChunkStore, embedder: Embedder, analyzer: Analyzer,
                 progress: Callable[[float, int, str], None] | None = None, extractors: Extractors | None = None):
        """`progress(done, total, name)`: files done (fractional while a scanned PDF is read page by page: the name
        then says "<file>: OCR page 2/5"), files in all, the file at hand."""
        self.settings, self.store, self.embedder, self.analyzer = settings, store, embedder, analyzer
        self.progress = progress or (lambda done, total, name: None)
        self.extractors = extractors or make_extractors(settings)

    def run(self, paths: list[Path], prune: bool = True) -> IngestReport:
        t0 = time.perf_counter()
        report = IngestReport(repaired=self.store.repair())
        files, report.skipped = discover(paths)
        known = {r.source: r for r in self.store.documents()}
        seen: set[str] = set()
        pending: list[_Prepared] = []
        for i, path in enumerate(files):
            source = source_name(path)
            seen.add(source)
            self.progress(i, len(files), source)
            def on_page(page: int, pages: int, i: int = i, source: str = source, n: int = len(files)) -> None:
                self.progress(i + page / pages, n, f"{source}: OCR page {page}/{pages}")

            try:
                prepared = self._prepare(path, source, known.get(source), report, on_page)
            except SkipFile as exc:
                report.skipped.append((source, exc.reason))
                if source in known:  # a file that became unreadable leaves the index
                    self.store.delete_document(known[source].doc_id)
                    report.removed.append(source)
                continue
            if prepared is not None:
                pending.append(prepared)
            if sum(len(p.chunks) for p in pending) >= BATCH_CHUNKS:
                self._write(pending, report)
                pending = []
        self._write(pending, report)
        self.progress(len(files), len(files), "")
        if prune:
            self._prune(paths, known, seen, report)
        self.refresh_lexical()
        report.seconds = time.perf_counter() - t0
        return report

    def _prepare(self, path: Path, source: str, known: DocRecord | None, report: IngestReport,
                 on_page: Callable[[int, int], None]) -> "_Prepared | None":
        """Load, clean, chunk and extract references; None when the file is unchanged."""
        if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
            raise SkipFile(source, f"unsupported file type {path.suffix or '(none)'!r}; supported: {', '.join(sorted(SUPPORTED_EXTENSIONS))}")
        raw_hash = file_hash(path)
        stored_hash = f"{PIPELINE_VERSION}:{raw_hash}"
        if known and known.content_hash == stored_hash:
            report.unchanged.append(source)
            return None
        loaded = load_file(path, self.settings.max_file_bytes, self.extractors, on_page)
        text, ocr_spans = clean_with_spans(loaded.text, loaded.ocr_spans)
        if not text.strip():
            raise SkipFile(source, "no text left after cleaning")
        meta = extract_metadata(text, path, loaded.html_title)
        doc = Document(doc_id_for(source), source, text, meta, stored_hash)
        spans = chunk_text(text, self.settings.chunk_min_chars, self.settings.chunk_max_chars)
        tag = hashlib.sha1(stored_hash.encode()).hexdigest()[:12]  # chunk ids differ between versions
        chunks = [Chunk(f"{doc.doc_id}:{tag}:{i}", doc.doc_id, source, text[s.start:s.end], s.start, s.end, i,
                        meta.title, meta.locality, meta.date, s.heading,
                        ocr=any(a < s.end and s.start < b for a, b in ocr_spans)) for i, s in enumerate(spans)]
        refs = [dataclasses.asdict(r) for r in extract_references(doc.doc_id, source, text, meta.locality)]
        report.notes += [(source, note) for note in extraction_notes(loaded)]
        header = detect_official_header(text)  # an official text's own number: content questions naming it search here
        extra = {"references": refs, "extraction": extraction_record(loaded), "header": dataclasses.asdict(header) if header else None}
        return _Prepared(doc, chunks, extra, known is not None)

    def _write(self, pending: list["_Prepared"], report: IngestReport) -> None:
        """Embed the pending documents' chunks in one call, then store them (chunks first, records last)."""
        if not pending:
            return
        t = time.perf_counter()
        # embedded in the index-side form (tone marks unified, as questions are): stored text stays verbatim
        vectors = self.embedder.embed_passages([normalize(c.in_context()) for p in pending for c in p.chunks])
        report.embed_seconds += time.perf_counter() - t
        items, at = [], 0
        for p in pending:
            items.append((p.doc, p.chunks, vectors[at : at + len(p.chunks)], p.extra, p.replace))
            at += len(p.chunks)
        self.store.add_documents(items)
        for p in pending:
            (report.updated if p.replace else report.added).append(p.doc.source)
            report.chunks += len(p.chunks)

    def _prune(self, paths: list[Path], known: dict[str, DocRecord], seen: set[str], report: IngestReport) -> None:
        """Delete documents that were under an ingested folder, or named explicitly, and are gone now."""
        roots = [source_name(p).rstrip("/") + "/" for p in paths if p.is_dir()]
        named = {source_name(p) for p in paths if not p.exists()}
        for source, rec in known.items():
            under = any(r == "./" or source.startswith(r) for r in roots)
            if source not in seen and (under or source in named):
                self.store.delete_document(rec.doc_id)
                report.removed.append(source)

    def reset(self) -> None:
        """Start afresh (`ingest --rebuild`): an empty store (embedded or on a server) and no saved BM25 index."""
        self.store.reset()
        discard_saved(self.settings)

    def refresh_lexical(self) -> None:
        """Rebuild the lexical index when the store changed since ingest last stamped it, and stamp the store.
        When the stamp already matches, nothing is loaded: readers load (or rebuild) the index themselves."""
        if self.store.fingerprint() != fingerprint_of(self.store.documents(), ANALYZER_VERSION):
            load_or_build_lexical(self.settings, self.store, self.analyzer, stamp=True)


def make_extractors(settings: Settings) -> Extractors:
    """OCR engine and .doc converter chosen from settings (components/ocr.py, components/converters.py)."""
    from components.converters import make_doc_converter
    from components.ocr import make_ocr

    return Extractors(make_ocr(settings), make_doc_converter(settings), settings.convert_timeout_s)


def extraction_notes(loaded: LoadedFile) -> list[str]:
    """What the ingest summary says about how a file was read: OCR and its confidence, encoding, conversion."""
    notes = []
    if loaded.ocr_pages:
        notes.append(f"OCR (Tesseract) of {loaded.ocr_pages} of {loaded.pages} page(s), mean confidence "
                     f"{loaded.ocr_confidence:.0f}%")
    if loaded.encoding:
        notes.append(f"legacy encoding {loaded.encoding} converted to Unicode")
    return notes + list(loaded.notes)


def extraction_record(loaded: LoadedFile) -> dict:
    """Stored with the document (DocRecord.extra["extraction"]): how its text was obtained."""
    return {"kind": loaded.kind, "pages": loaded.pages, "ocr_pages": loaded.ocr_pages,
            "ocr_confidence": round(loaded.ocr_confidence, 1) if loaded.ocr_confidence is not None else None,
            "encoding": loaded.encoding, "notes": list(loaded.notes)}

