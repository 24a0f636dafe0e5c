"""Chroma adapter: chunks (with embeddings) and a documents collection that doubles as the ingest manifest.

Crash safety comes from the order of writes. A document's record (with its content hash) is written last
and removed first, so a document is "committed" only when its record exists. Every chunk carries the content hash
of the version it belongs to; a new version's chunks are written beside the old ones and the old ones are deleted
only after the new record is in, so a replacement killed half-way leaves the old version whole. Chunks without a
record, or of a version other than the record's, are leftovers of an interrupted run: readers ignore them and
`repair()` deletes them at the start of every ingest.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from components.chroma_client import open_client, open_error
from core.errors import ModelMismatch, RagError, StoreUnavailable
from core.settings import Settings
from core.types import Chunk, Document, DocumentMeta, Filters

PAGE = 2000
COPY_ATTEMPTS = 10  # a copy restarts when documents changed while it ran; uploads are rare, so a few rounds do


class ReadOnlyIndex(RagError):
    """A write to an index served from a read-only folder."""


@dataclass(frozen=True)
class DocRecord:
    doc_id: str
    source: str
    content_hash: str
    meta: DocumentMeta
    n_chunks: int
    extra: dict  # JSON-able data stored with the document (e.g. its legal references)


def _meta_str(v) -> str:
    return "" if v is None else str(v)


def _date_num(iso: str | None) -> int:
    return int(iso.replace("-", "")) if iso else 0


def _current(meta: dict, versions: dict[str, str]) -> bool:
    """A chunk of a committed document's current version (chunks written before versions were stored count)."""
    doc = meta.get("doc_id")
    return doc in versions and meta.get("version", versions[doc]) == versions[doc]


def chunk_from_record(cid: str, text: str, m: dict) -> Chunk:
    return Chunk(chunk_id=cid, doc_id=m["doc_id"], source=m["source"], text=text, start=int(m["start"]), end=int(m["end"]),
                 index=int(m["index"]), title=m.get("title", ""), locality=m.get("locality") or None,
                 date=m.get("date") or None, heading=m.get("heading") or None, ocr=bool(m.get("ocr", False)))


class ChunkStore:
    def __init__(self, settings: Settings, embedder_name: str):
        self.settings = settings
        self._client, self.read_only = open_client(settings)
        self.embedder_name = embedder_name
        self._open()

    def _open(self) -> None:
        settings = self.settings
        try:
            self._chunks = self._client.get_or_create_collection(
                settings.collection, metadata={"embedding_model": self.embedder_name},
                configuration={"hnsw": {"space": "cosine", "ef_search": settings.hnsw_ef_search}}, embedding_function=None)
            self._docs = self._client.get_or_create_collection(f"{settings.collection}-docs", embedding_function=None)
            if (self._chunks.configuration.get("hnsw") or {}).get("ef_search") != settings.hnsw_ef_search:
                self._chunks.modify(configuration={"hnsw": {"ef_search": settings.hnsw_ef_search}})  # before any query loads the index
        except Exception as exc:
            raise open_error(settings, exc) from exc
        recorded = (self._chunks.metadata or {}).get("embedding_model")
        if recorded and recorded != self.embedder_name:
            raise ModelMismatch(f"the index was built with {recorded!r} but the embedder is {self.embedder_name!r}. "
                                "Run `python app.py ingest --rebuild` to re-embed, or set the embedder back.")

    def _writable(self) -> None:
        if self.read_only is not None:
            raise ReadOnlyIndex(f"the data folder {self.read_only} is read-only: its index answers questions, but "
                                "documents cannot be added, replaced or removed there. Make it writable, or ingest "
                                "into a copy of it (--data-dir).")

    def close(self) -> None:
        """Release the client (an embedded store's files) once this store is no longer used."""
        self._client.close()

    def reset(self) -> None:
        """Delete every chunk and document record (both collections, embedded or on a server) and start empty."""
        self._writable()
        for name in (self._chunks.name, self._docs.name):
            try:
                self._client.delete_collection(name)
            except Exception:  # already gone
                pass
        self._open()

    # ---- writing (ingest only)
    def add_document(self, doc: Document, chunks: list[Chunk], vectors: np.ndarray, extra: dict | None = None,
                     replace: bool = True) -> None:
        self.add_documents([(doc, chunks, vectors, extra or {}, replace)])

    def add_documents(self, items: list[tuple[Document, list[Chunk], np.ndarray, dict, bool]]) -> None:
        """Write documents: first all their chunks, then their records (the commit point), each in few calls.
        `replace=False` is for a document the index does not hold: half-written chunks of a killed run, if any,
        were removed by repair()."""
        self._writable()
        old_ids = [cid for doc, _, _, _, replace in items if replace
                   for cid in self._call(self._chunks.get, where={"doc_id": doc.doc_id}, include=[])["ids"]]
        chunks = [c for _, cs, _, _, _ in items for c in cs]
        versions = {d.doc_id: d.content_hash for d, *_ in items}
        vectors = np.concatenate([v for _, cs, v, _, _ in items if cs]) if chunks else np.zeros((0, 0))
        for i in range(0, len(chunks), PAGE):
            part = chunks[i : i + PAGE]
            self._chunks.upsert(
                ids=[c.chunk_id for c in part], embeddings=vectors[i : i + PAGE].tolist(), documents=[c.text for c in part],
                metadatas=[{"doc_id": c.doc_id, "source": c.source, "start": c.start, "end": c.end, "index": c.index,
                            "title": c.title, "locality": _meta_str(c.locality), "date": _meta_str(c.date),
                            "date_num": _date_num(c.date), "heading": _meta_str(c.heading),
                            "ocr": c.ocr, "version": versions[c.doc_id]} for c in part])
        if items:
            self._docs.upsert(ids=[d.doc_id for d, *_ in items], embeddings=[[1.0]] * len(items),
                              documents=[d.text for d, *_ in items],
                              metadatas=[{"source": d.source, "content_hash": d.content_hash, "title": d.meta.title,
                                          "date": _meta_str(d.meta.date), "locality": _meta_str(d.meta.locality),
                                          "author": _meta_str(d.meta.author), "n_chunks": len(cs),
                                          "extra": json.dumps(extra, ensure_ascii=False)} for d, cs, _, extra, _ in items])
        stale = sorted(set(old_ids) - {c.chunk_id for c in chunks})
        for i in range(0, len(stale), PAGE):
            self._call(self._chunks.delete, ids=stale[i : i + PAGE])

    def delete_document(self, doc_id: str) -> None:
        self._writable()
        self._docs.delete(ids=[doc_id])
        self._chunks.delete(where={"doc_id": doc_id})

    def repair(self) -> int:
        """Delete chunks of uncommitted documents or stale versions. Returns how many documents had such chunks."""
        self._writable()
        versions = self.versions()
        stale = [(cid, m["doc_id"]) for cid, _, m in self._iter_chunk_rows(include_text=False) if not _current(m, versions)]
        ids = [cid for cid, _ in stale]
        for i in range(0, len(ids), PAGE):
            self._call(self._chunks.delete, ids=ids[i : i + PAGE])
        return len({d for _, d in stale})

    def versions(self) -> dict[str, str]:
        """doc_id -> content hash of the committed version."""
        return {r.doc_id: r.content_hash for r in self.documents()}

    # ---- reading
    def documents(self) -> list[DocRecord]:
        out, offset = [], 0
        while True:
            page = self._call(self._docs.get, include=["metadatas"], limit=PAGE, offset=offset)
            for did, m in zip(page["ids"], page["metadatas"]):
                out.append(DocRecord(did, m["source"], m["content_hash"],
                                     DocumentMeta(m.get("title", ""), m.get("date") or None, m.get("locality") or None, m.get("author") or None),
                                     int(m.get("n_chunks", 0)), json.loads(m.get("extra") or "{}")))
            if len(page["ids"]) < PAGE:
                return out
            offset += PAGE

    def get_text(self, doc_id: str) -> str | None:
        page = self._call(self._docs.get, ids=[doc_id], include=["documents"])
        return page["documents"][0] if page["ids"] else None

    def _iter_chunk_rows(self, include_text: bool = True) -> Iterator[tuple[str, str, dict]]:
        for page in self._pages(self._chunks, ["metadatas", "documents"] if include_text else ["metadatas"]):
            docs = page["documents"] if include_text else [""] * len(page["ids"])
            yield from zip(page["ids"], docs, page["metadatas"])

    def _pages(self, collection, include: list[str]) -> Iterator[dict]:
        offset = 0
        while True:
            page = self._call(collection.get, include=include, limit=PAGE, offset=offset)
            yield page
            if len(page["ids"]) < PAGE:
                return
            offset += PAGE

    def copy_to(self, other: "ChunkStore", keep: Callable[[DocRecord], bool] = lambda r: True) -> tuple[int, int]:
        """Copy every committed document that `keep` accepts, each whole, with its current chunks and their
        vectors, into `other` (emptied first); other processes may be writing meanwhile. Returns (documents, chunks).

        By the write order above, a document whose record is read before its chunks has all of them in place
        unless it changes meanwhile; so the copy is kept only when the records read after it are the ones read
        before and every document got exactly its recorded number of chunks. Otherwise it starts again."""
        other._writable()
        for _ in range(COPY_ATTEMPTS):
            before = {r.doc_id: r for r in self.documents() if keep(r)}
            versions = {d: r.content_hash for d, r in before.items()}
            other.reset()
            copied: Counter = Counter()
            for page in self._pages(self._chunks, ["metadatas", "documents", "embeddings"]):
                rows = [i for i, m in enumerate(page["metadatas"]) if _current(m, versions)]
                if rows:
                    other._chunks.upsert(ids=[page["ids"][i] for i in rows], embeddings=[page["embeddings"][i] for i in rows],
                                         documents=[page["documents"][i] for i in rows],
                                         metadatas=[page["metadatas"][i] for i in rows])
                    copied.update(page["metadatas"][i]["doc_id"] for i in rows)
            for page in self._pages(self._docs, ["metadatas", "documents"]):  # records last, as ingest writes them
                rows = [i for i, d in enumerate(page["ids"]) if d in before]
                if rows:
                    other._docs.upsert(ids=[page["ids"][i] for i in rows], embeddings=[[1.0]] * len(rows),
                                       documents=[page["documents"][i] for i in rows],
                                       metadatas=[page["metadatas"][i] for i in rows])
            after = {r.doc_id: r.content_hash for r in self.documents() if keep(r)}
            if all(copied[d] == r.n_chunks for d, r in before.items()) and other.versions() == versions == after:
                if fp := self.fingerprint():
                    other.set_fingerprint(fp)
                return len(before), sum(copied.values())
        raise StoreUnavailable(f"the index kept changing during {COPY_ATTEMPTS} attempts to copy it; try again when "
                               "uploads are finished.")

    def all_chunks(self) -> Iterator[Chunk]:
        """Every committed chunk (leftovers of an interrupted run are skipped)."""
        versions = self.versions()
        for cid, text, m in self._iter_chunk_rows():
            if _current(m, versions):
                yield chunk_from_record(cid, text, m)

    def fingerprint(self) -> str:
        """The fingerprint ingest stamped on the collection when it last finished ("" before the first run)."""
        col = self._call(self._client.get_collection, self._chunks.name, embedding_function=None)
        return (col.metadata or {}).get("fingerprint", "")

    def set_fingerprint(self, fp: str) -> None:
        self._writable()
        self._call(self._chunks.modify, metadata={"embedding_model": self.embedder_name, "fingerprint": fp})

    def count(self) -> int:
        return self._call(self._chunks.count)

    def query(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[Chunk, float]]:
        where = where_clause(filters)
        # Chroma 1.5 returns min(k, count) results, none from an empty collection: no count() (O(n)) per question
        res = self._call(self._chunks.query, query_embeddings=[vector.tolist()], n_results=k,
                         include=["documents", "metadatas", "distances"], where=where)
        return [(chunk_from_record(cid, text, m), 1.0 - float(d))
                for cid, text, m, d in zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0])]

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise StoreUnavailable(f"the document store did not answer ({type(exc).__name__}: {exc})") from exc


def where_clause(filters: Filters | None) -> dict | None:
    if not filters:
        return None
    parts: list[dict] = []
    if filters.sources:
        parts.append({"source": {"$in": list(filters.sources)}})
    if filters.localities:
        parts.append({"locality": {"$in": list(filters.localities)}})
    if filters.date_from:
        parts.append({"date_num": {"$gte": _date_num(filters.date_from)}})
    if filters.date_to:
        parts.append({"date_num": {"$lte": _date_num(filters.date_to)}})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


def fingerprint_of(records: list[DocRecord], analyzer_version: str) -> str:
    import hashlib

    h = hashlib.sha256(analyzer_version.encode())
    for r in sorted(records, key=lambda r: r.doc_id):
        h.update(f"{r.doc_id}:{r.content_hash};".encode())
    return h.hexdigest()[:24]
