"""BM25 over our own tokens, as a sparse document-term matrix: a query sums a few columns, so cost grows with
the postings of the query's terms, not with a Python loop over the corpus. Saved beside the Chroma store and
stamped with the store's fingerprint; a stale or unreadable file is rebuilt from the store."""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple

import numpy as np

from vntext.diacritics import DiacriticRestorer
from scipy import sparse

from core.types import Chunk

if TYPE_CHECKING:
    from vntext.analyzer import Analyzer
    from components.store import ChunkStore
    from core.settings import Settings

FORMAT = 2


class LexicalResult(NamedTuple):
    index: int  # position in LexicalIndex.chunks
    score: float


@dataclass
class LexicalIndex:
    fingerprint: str
    chunks: list[Chunk]
    vocab: dict[str, int]
    matrix: sparse.csc_matrix  # (n_chunks, n_terms) BM25 term weights
    idf: np.ndarray

    @classmethod
    def build(cls, chunks: list[Chunk], analyze: Callable[[str], list[str]], fingerprint: str,
              k1: float = 1.2, b: float = 0.75) -> "LexicalIndex":
        vocab: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        lengths = np.zeros(len(chunks), dtype=np.float32)
        for i, c in enumerate(chunks):
            counts: dict[int, int] = {}
            toks = analyze(c.in_context(locality=True))
            lengths[i] = len(toks)
            for t in toks:
                j = vocab.setdefault(t, len(vocab))
                counts[j] = counts.get(j, 0) + 1
            rows.extend([i] * len(counts))
            cols.extend(counts.keys())
            tfs.extend(counts.values())
        n, v = len(chunks), max(len(vocab), 1)
        tf = np.asarray(tfs, dtype=np.float32)
        rows_a, cols_a = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        df = np.bincount(cols_a, minlength=v).astype(np.float32)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if n else 1.0
        norm = k1 * (1 - b + b * lengths[rows_a] / max(avg, 1e-6)) if n else np.zeros(0)
        weights = idf[cols_a] * tf * (k1 + 1) / (tf + norm)
        matrix = sparse.csc_matrix((weights, (rows_a, cols_a)), shape=(n, v), dtype=np.float32)
        return cls(fingerprint, chunks, vocab, matrix, idf)

    def search(self, terms: Iterable[str], k: int, boosts: dict[str, float] | None = None,
               allowed: np.ndarray | None = None) -> list[LexicalResult]:
        """Top-k chunks for the query terms (repeated terms count once; `boosts` multiplies a term's weight)."""
        boosts = boosts or {}
        ids = sorted({self.vocab[t] for t in terms if t in self.vocab})
        if not ids or not self.chunks:
            return []
        weights = np.asarray([boosts.get(t, 1.0) for t in self._terms_of(ids)], dtype=np.float32)
        scores = np.asarray(self.matrix[:, ids] @ weights).ravel()
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        nz = np.flatnonzero(scores)
        if nz.size == 0:
            return []
        if nz.size > k:  # only what can reach the top k is sorted: every score >= the k-th largest, ties included
            nz = nz[scores[nz] >= np.partition(scores[nz], nz.size - k)[nz.size - k]]
        top = nz[np.argsort(-scores[nz], kind="stable")[:k]]
        return [LexicalResult(int(i), float(scores[i])) for i in top]

    def restorer(self, stopwords: frozenset[str] = frozenset(), question_words: frozenset[str] = frozenset(),
                 question_phrases: tuple[tuple[str, str], ...] = ()) -> DiacriticRestorer:
        """Puts diacritics back into a question typed without them, from the words these passages write."""
        if not hasattr(self, "_restorer"):
            df = np.diff(self.matrix.indptr)
            self._restorer = DiacriticRestorer.from_vocab({t: float(df[j]) for t, j in self.vocab.items()}, stopwords,
                                                          question_words, question_phrases)
        return self._restorer

    def idf_by_term(self) -> dict[str, float]:
        if not hasattr(self, "_idf_map"):
            self._idf_map = {t: float(self.idf[j]) for t, j in self.vocab.items()}
        return self._idf_map

    @property
    def max_idf(self) -> float:
        """The largest idf (1.0 for an empty index): the weight of a term the index never saw."""
        if not hasattr(self, "_max_idf"):
            self._max_idf = max(self.idf_by_term().values(), default=1.0)
        return self._max_idf

    def field_codes(self, name: str) -> tuple[np.ndarray, list]:
        """(codes, values) for one Chunk field (source, locality, date): chunk i holds values[codes[i]]. Filters
        test each distinct value once instead of every chunk."""
        cache = self.__dict__.setdefault("_fields", {})
        if name not in cache:
            seen: dict = {}
            codes = np.fromiter((seen.setdefault(getattr(c, name), len(seen)) for c in self.chunks), dtype=np.int64,
                                count=len(self.chunks))
            cache[name] = (codes, list(seen))
        return cache[name]

    @property
    def chunk_ids(self) -> set[str]:
        """Ids of the committed chunks the index was built from (current versions only)."""
        if not hasattr(self, "_chunk_ids"):
            self._chunk_ids = {c.chunk_id for c in self.chunks}
        return self._chunk_ids

    @property
    def localities(self) -> set[str]:
        if not hasattr(self, "_localities"):
            self._localities = {c.locality for c in self.chunks if c.locality}
        return self._localities

    def _terms_of(self, ids: list[int]) -> list[str]:
        if not hasattr(self, "_inv"):
            self._inv = {j: t for t, j in self.vocab.items()}
        return [self._inv[j] for j in ids]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            pickle.dump({"format": FORMAT, "fingerprint": self.fingerprint, "chunks": self.chunks, "vocab": self.vocab,
                         "matrix": self.matrix, "idf": self.idf}, f, protocol=pickle.HIGHEST_PROTOCOL)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)  # atomic: a reader sees the old file or the new one

    @classmethod
    def load(cls, path: Path) -> "LexicalIndex | None":
        """The saved index, or None when it is missing, unreadable or of another format (the caller rebuilds)."""
        try:
            with open(path, "rb") as f:
                data = pickle.load(f)
            if data.get("format") != FORMAT:
                return None
            return cls(data["fingerprint"], data["chunks"], data["vocab"], data["matrix"], data["idf"])
        except (OSError, EOFError, pickle.UnpicklingError, KeyError, AttributeError, ValueError, TypeError):
            return None


def lexical_path(settings: "Settings") -> Path:
    return settings.data_dir / "lexical.pkl"


def discard_saved(settings: "Settings") -> None:
    """Forget the saved index (`ingest --rebuild`); the next reader builds it from the store."""
    lexical_path(settings).unlink(missing_ok=True)


def load_or_build_lexical(settings: "Settings", store: "ChunkStore", analyzer: "Analyzer", stamp: bool = False) -> LexicalIndex:
    """The saved index when it matches the store, else one rebuilt from the store's committed chunks."""
    from vntext.analyzer import VERSION as ANALYZER_VERSION
    from components.store import fingerprint_of

    records = store.documents()
    fp = fingerprint_of(records, ANALYZER_VERSION)
    path = lexical_path(settings)
    index = LexicalIndex.load(path)
    if index is None or index.fingerprint != fp:
        chunks = sorted(store.all_chunks(), key=lambda c: (c.source, c.index))
        index = LexicalIndex.build(chunks, analyzer.passage, fp)
        try:
            index.save(path)
        except OSError:
            pass  # a read-only data folder (server mode on a shared host) keeps the index in memory
    if stamp and store.fingerprint() != fp:
        store.set_fingerprint(fp)
    return index
