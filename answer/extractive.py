"""The default, LLM-free composer: pick the few sentences of the top passages that best answer the question,
quote each verbatim (offsets into the cleaned document text) and cite it with [n]."""
from __future__ import annotations

import re
from dataclasses import dataclass

from answer.locator import legal_locator
from vntext.analyzer import Analyzer
from vntext.sentences import split_sentences
from core.types import Citation, Hit
from retriever.hybrid import Retrieval

MAX_QUOTE = 350
_DIGIT = re.compile(r"\d")
_HEADING = re.compile(r"^(?:Điều|Chương|Mục|Phần)\s+[\dIVXLC]+[a-zđ]?\s*[.:]?", re.I)
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\bngày \d{1,2} tháng \d{1,2}|\bnăm \d{4}\b")


@dataclass(frozen=True)
class Candidate:
    hit_rank: int
    hit: Hit
    start: int  # offsets in the document text
    end: int
    score: float
    coverage: float  # idf-weighted share of the question's terms the sentence holds


class ExtractiveComposer:
    def __init__(self, analyzer: Analyzer, max_sentences: int = 3, passages: int = 6):
        self.analyzer, self.max_sentences, self.passages = analyzer, max_sentences, passages

    def candidates(self, retrieval: Retrieval, idf: dict[str, float], top: float | None = None) -> list[Candidate]:
        """Every sentence of the top passages, scored against the question (`top`: max(idf), when known)."""
        terms = {t for t in retrieval.query_terms if not t.startswith(("code:", "num:"))}
        default_idf = max(idf.values(), default=1.0) if top is None else top
        weight = {t: idf.get(t, default_idf) for t in terms}
        total = sum(weight.values()) or 1.0
        kind = retrieval.analysis.question_kind
        out: list[Candidate] = []
        for rank, hit in enumerate(retrieval.hits[: self.passages], 1):
            text = hit.chunk.text
            for s, e in split_sentences(text):
                sent = text[s:e]
                if len(sent) < 25 or _HEADING.match(sent) and len(sent) < 200:
                    continue  # too short to answer, or a bare heading ("Điều 36. Nội dung ...")
                toks = set(self.analyzer.passage(sent))
                coverage = sum(w for t, w in weight.items() if t in toks) / total
                score = coverage + 0.15 / rank
                if retrieval.code_keys and toks.intersection(retrieval.code_keys):
                    score += 0.4
                if kind == "number" and _DIGIT.search(sent):
                    score += 0.1
                if kind == "date" and _DATE.search(sent):
                    score += 0.2
                out.append(Candidate(rank, hit, hit.chunk.start + s, hit.chunk.start + e, score, coverage))
        out.sort(key=lambda c: -c.score)
        return out

    def select(self, cands: list[Candidate]) -> list[Candidate]:
        if not cands:
            return []
        best = cands[0].score
        chosen: list[Candidate] = []
        for c in cands:
            if len(chosen) >= self.max_sentences or c.score < 0.6 * best:
                break
            if any(c.hit.chunk.doc_id == o.hit.chunk.doc_id and c.start < o.end and o.start < c.end for o in chosen):
                continue  # the same sentence reached through overlapping chunks
            chosen.append(c)
        return chosen

    def quote(self, cand: Candidate, doc_text_of_chunk: str, terms: set[str]) -> tuple[int, int]:
        """Offsets of a verbatim quote of at most MAX_QUOTE characters: the sentence, or its densest window."""
        chunk = cand.hit.chunk
        s, e = cand.start, cand.end
        if e - s <= MAX_QUOTE:
            return s, e
        sent = doc_text_of_chunk[s - chunk.start : e - chunk.start]
        best, best_at = -1.0, 0
        for m in re.finditer(r"\S+", sent):
            if m.start() + MAX_QUOTE > len(sent) + 40:
                break
            window = sent[m.start() : m.start() + MAX_QUOTE]
            hits = len(terms.intersection(self.analyzer.passage(window)))
            if hits > best:
                best, best_at = hits, m.start()
        stop = best_at + MAX_QUOTE
        cut = sent.rfind(" ", best_at, stop) if stop < len(sent) else len(sent)
        cut = cut if cut > best_at + MAX_QUOTE // 2 else min(stop, len(sent))
        return s + best_at, s + cut

    def compose(self, retrieval: Retrieval, idf: dict[str, float], top: float | None = None) -> tuple[list[Candidate], list[Citation]]:
        chosen = self.select(self.candidates(retrieval, idf, top))
        terms = set(retrieval.query_terms)
        citations = []
        for n, c in enumerate(chosen, 1):
            s, e = self.quote(c, c.hit.chunk.text, terms)
            citations.append(make_citation(n, c.hit, s, e))
        return chosen, citations


def make_citation(n: int, hit: Hit, start: int, end: int) -> Citation:
    ch = hit.chunk
    return Citation(n=n, source=ch.source, title=ch.title, quote=ch.text[start - ch.start : end - ch.start], start=start,
                    end=end, doc_id=ch.doc_id, locality=ch.locality, date=ch.date, heading=ch.heading,
                    locator=legal_locator(ch.heading, ch.text, start - ch.start), ocr=ch.ocr)
