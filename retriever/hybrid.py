"""Read-only search: question frame -> dense (Chroma) + BM25 -> reciprocal rank fusion -> optional rerank."""
from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from vntext.analyzer import Analyzer
from components.derived import StoreDerived
from components.embedder import Embedder
from components.lexical import LexicalIndex, load_or_build_lexical
from components.reranker import Reranker
from components.store import ChunkStore
from core.settings import Settings
from core.types import AnswerType, Chunk, Filters, Hit, IndexStats, QuestionFrame, Retrieval
from retriever.frame import FrameAnalyzer
from vntext.contact import is_contact_block
from vntext.diacritics import DiacriticRestorer


class HybridRetriever:
    def __init__(self, settings: Settings, store: ChunkStore, embedder: Embedder, analyzer: Analyzer,
                 frames: FrameAnalyzer, reranker: Reranker | None = None, en_stopwords: frozenset[str] = frozenset()):
        self.settings, self.store, self.embedder, self.analyzer = settings, store, embedder, analyzer
        self.frames, self.reranker, self.en_stopwords = frames, reranker, en_stopwords
        self.lexical: StoreDerived[LexicalIndex] = StoreDerived(store, lambda: load_or_build_lexical(settings, store, analyzer))

    def retrieve(self, frame: QuestionFrame | str, filters: Filters | None = None, k: int | None = None,
                 scope: tuple[str, ...] = ()) -> Retrieval:
        """The top k passages for the frame's question (its core: filler weighs nothing; a plain question is
        framed first). `scope` limits the search to these sources (a question about a named document's content
        is searched in that document)."""
        if isinstance(frame, str):
            frame = self.frames.analyze(frame)
        k = k or self.settings.top_k
        t0 = time.perf_counter()
        question = frame.core
        if scope:
            wanted = tuple(s for s in scope if not filters or not filters.sources or s in filters.sources)
            filters = replace(filters or Filters(), sources=wanted or ("\0none",))
        expanded = " ".join([question, *frame.expansions])
        code_keys = self.analyzer.code_keys(question)
        weights = self.lexical_terms(frame)
        terms = list(weights)
        index = self.lexical.get()
        allowed = _allowed_mask(index, filters)
        boosts = {t: w for t, w in weights.items() if w != 1.0}
        boosts.update({key: boosts.get(key, 1.0) * (1.0 + self.settings.code_boost) for key in code_keys})
        lexical = index.search(terms, self.settings.candidates, boosts=boosts, allowed=allowed)
        t1 = time.perf_counter()
        vector = self.embedder.embed_query(expanded if frame.lang == "en" else question)
        dense = self.store.query(vector, self.settings.candidates, filters)
        t2 = time.perf_counter()
        hits = self._fuse(index, lexical, dense, code_keys)
        if frame.answer_type not in (AnswerType.CONTACT, AnswerType.PLACE):
            # a publisher's contact block answers where a body is or how to reach it, nothing else
            hits = [h for h in hits if not is_contact_block(h.chunk.text)]
        if self.reranker is not None and hits:
            hits = self.reranker.rerank(question, hits[: max(k * 3, 20)])
        t3 = time.perf_counter()
        return Retrieval(frame, hits[:k], code_keys, terms,
                         {"lexical": (t1 - t0) * 1e3, "dense": (t2 - t1) * 1e3, "fuse": (t3 - t2) * 1e3}, scope,
                         tuple(sim for _, sim in dense), tuple(r.score for r in lexical))

    def restore_diacritics(self, text: str) -> str:
        """A question typed without diacritics, with them put back as the indexed passages write its words."""
        return self._restorer().restore(text)

    def _restorer(self) -> DiacriticRestorer:
        lex = self.frames.lex
        return self.lexical.get().restorer(self.analyzer.stopwords, lex.question_words, lex.question_phrases)

    def correct_diacritics(self, text: str) -> str:
        """A question typed with diacritics, its mistyped marks put right as the indexed passages write the words."""
        return self._restorer().correct(text)

    def spell_initials(self, text: str) -> str:
        """A province written by its initials ("LS") spelt out when the index names exactly one that fits."""
        vocab, lex = self.lexical.get().vocab, self.frames.lex
        return lex.provinces.initials(text, lambda name: all(t in vocab for t in self.analyzer.passage(name)),
                                      lex.known_capitals)

    def stats(self) -> IndexStats:
        index = self.lexical.get()
        return IndexStats(index.idf_by_term(), index.max_idf, index.vocab, index.localities, len(index.chunks))

    def lexical_terms(self, frame: QuestionFrame) -> dict[str, float]:
        """BM25 terms with their weights: the question's own at 1. A glossary expansion renders one English concept,
        so its terms share a weight of 1 (1/n each for n syllables) instead of counting as n independent matches.
        In an English question, English function words ("an", "in", "the") and the bigrams they form are dropped:
        as Vietnamese syllables they match noise."""
        if frame.lang != "en":
            return dict.fromkeys(self.analyzer.query(frame.core), 1.0)
        stop = self.en_stopwords
        weights = {t: 1.0 for t in self.analyzer.query(frame.core) if not any(p.lower() in stop for p in t.split("_"))}
        for expansion in frame.expansions:
            share = 1.0 / max(1, len(expansion.split()))
            for t in self.analyzer.query(expansion):
                weights[t] = max(weights.get(t, 0.0), share)
        return weights

    def _fuse(self, index: LexicalIndex, lexical, dense: list[tuple[Chunk, float]], code_keys: list[str]) -> list[Hit]:
        rrf = self.settings.rrf_k
        by_id: dict[str, dict] = {}
        for rank, (chunk, sim) in enumerate(dense, 1):
            by_id[chunk.chunk_id] = {"chunk": chunk, "score": 1.0 / (rrf + rank), "dense_rank": rank, "dense_sim": sim}
        for rank, res in enumerate(lexical, 1):
            chunk = index.chunks[res.index]
            entry = by_id.setdefault(chunk.chunk_id, {"chunk": chunk, "score": 0.0})
            entry["score"] += 1.0 / (rrf + rank)
            entry["lexical_rank"] = rank
        if code_keys:
            for entry in by_id.values():
                held = self.analyzer.passage_codes(entry["chunk"].text)  # once per passage, not once per key
                if any(key in held for key in code_keys):
                    entry["score"] += self.settings.code_boost / (rrf + 1)
        committed = index.chunk_ids  # a dense hit left over from an interrupted ingest (no record, old version) is dropped
        hits = [Hit(e["chunk"], e["score"], e.get("dense_rank"), e.get("lexical_rank"), e.get("dense_sim"))
                for e in by_id.values() if e["chunk"].chunk_id in committed]
        hits.sort(key=lambda h: -h.score)
        return hits


def _allowed_mask(index: LexicalIndex, filters: Filters | None) -> np.ndarray | None:
    """Which chunks of the lexical index pass the filters; each distinct source/locality/date is tested once."""
    if not filters or not (filters.sources or filters.localities or filters.date_from or filters.date_to):
        return None
    src, loc = set(filters.sources), set(filters.localities)
    lo, hi = filters.date_from or "", filters.date_to or "9999"
    tests = [("source", lambda v: v in src) if src else None, ("locality", lambda v: v in loc) if loc else None,
             ("date", lambda v: v is not None and lo <= v <= hi) if filters.date_from or filters.date_to else None]
    mask = np.ones(len(index.chunks), dtype=bool)
    for name, keep in filter(None, tests):
        codes, values = index.field_codes(name)
        mask &= np.fromiter(map(keep, values), dtype=bool, count=len(values))[codes]
    return mask
