"""The default, LLM-free composer. Every sentence of the top passages is scored for the question: its overlap with
the question's words, whether it holds a span of the asked type (a number with the asked unit, a date, a name) and
whether it meets the question's constraints (the year, province, role asked). The best sentence gives the direct
answer, the asked-for span nearest to the question's words; list questions gather their items across passages.
Quotes are verbatim (offsets into the document text) and cited with [n]."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Callable

from answer.candidates import TYPED, Candidate, SentenceScorer, typed as _typed, words as _words
from answer.citations import make_citation, quote_window
from answer.constraints import ConstraintChecker
from answer.premise import corrected
from answer.span_choice import asked_abroad, choose_span
from answer.spans import Span, SpanFinder, precision_wanted
from core.tuning import Tuning
from core.types import AnswerType, Citation, Constraint, IndexStats, QuestionFrame, Retrieval, ShortAnswer
from vntext.analyzer import Analyzer
from vntext.codes import fold_text

_LABEL = re.compile(r"[^:\n.;]{3,80}:\s")  # "Về công tác lãnh sự và người Việt Nam ở nước ngoài: "


@dataclass(frozen=True)
class Composition:
    chosen: list[Candidate]
    citations: list[Citation]
    short: ShortAnswer | None
    items: list[tuple[str, int]]  # a list answer's items, each with the citation that holds it
    typed: bool  # the question asks for a span of a type
    found: bool  # a sentence meeting every constraint holds such a span (or says what the one asked for did)
    unmet: tuple[Constraint, ...]  # constraints that no sentence meets
    best_coverage: float
    counted_seen: bool = True  # a count asked of a noun: some sentence meeting the constraints names that noun
    abroad: bool = False  # the places asked are a foreign country's ("tỉnh nào của Thái Lan")


# a reason may be given without a purpose word ("... vì vậy", a sentence of its own): a sentence that writes one is
# preferred and opens the answer, but its absence says nothing of whether the documents answer; so with the figure
# a yes/no question claims ("Đồng Nai có hơn 30 ngàn kiều bào, đúng không?"), which the figure given in its unit
# answers ("trên 32,5 ngàn kiều bào"), the reader comparing the two
_REQUIRED = TYPED - {AnswerType.REASON}


class Composer:
    def __init__(self, analyzer: Analyzer, spans: SpanFinder, checker: ConstraintChecker, tuning: Tuning,
                 max_sentences: int = 3, text_of: Callable[[str], str | None] | None = None):
        self.analyzer, self.spans, self.checker, self.t = analyzer, spans, checker, tuning
        self.max_sentences = max_sentences
        self.text_of = text_of  # doc_id -> the document's cleaned text: a section may run on past its chunk
        self.scorer = SentenceScorer(analyzer, spans, checker, tuning)

    def candidates(self, retrieval: Retrieval, stats: IndexStats) -> list[Candidate]:
        return self.scorer.candidates(retrieval, stats)

    def compose(self, retrieval: Retrieval, stats: IndexStats) -> Composition:
        frame = retrieval.frame
        cands = self.candidates(retrieval, stats)
        abroad = asked_abroad(frame, self.checker.lex)
        if not cands:
            return Composition([], [], None, [], frame.answer_type in _REQUIRED, False, (), 0.0, not self._counts_noun(frame),
                               abroad)
        typed = _typed(frame)
        ok = [c for c in cands if not c.unmet]
        answering = [c for c in ok if c.spans] if typed else ok
        if frame.relation:  # "cơ quan nào chủ trì ...": a body named in a sentence that says no one chairs answers nothing
            answering = [c for c in answering if _says(c, frame.relation)]
        if frame.answer_type in (AnswerType.CONTACT, AnswerType.PLACE):
            # a contact line of the body asked about (its constraints met) before a place said in prose
            answering = [c for c in answering if any(sp.kind == AnswerType.CONTACT for sp in c.spans)] or answering
        wanted = precision_wanted(frame)
        if wanted:  # a sentence giving the day asked for before one giving a year
            answering = [c for c in answering if max(sp.strength for sp in c.spans) >= wanted] or answering
        pool = answering or ok or cands
        best = pool[0]
        unmet = () if ok else best.unmet
        chosen = self._select(best, pool)
        if frame.answer_type in (AnswerType.DESCRIPTION, AnswerType.DOCUMENT_CONTENT) or typed and not answering:
            chosen = [self._section(c) for c in chosen]  # (nothing of the asked type: the section says what there is)
        terms = set(retrieval.query_terms)
        if frame.own_terms:  # a part of a compound question: its span is the one nearest to its own words
            terms = set(frame.own_terms)
        citations = [self._cite(n, c, terms, frame) for n, c in enumerate(chosen, 1)]
        short, items = None, []
        if typed and answering:
            if frame.answer_type == AnswerType.LIST:
                items, chosen, citations = self._gather(answering, terms)
            else:
                span = self._nearest(best, terms, frame)
                base = best.start
                short = ShortAnswer(span.text, 1, base + span.start, base + span.end)
        if short is None and frame.answer_type == AnswerType.YESNO and chosen:
            # a claim naming a body or country the sentence does not: the one it names instead
            first, chunk = chosen[0], chosen[0].hit.chunk
            span = corrected(frame, chunk.text[first.start - chunk.start:first.end - chunk.start], self.spans, terms)
            if span is not None:
                short = ShortAnswer(span.text, 1, first.start + span.start, first.start + span.end)
        # what the person or body asked for did is said somewhere, though perhaps of no name ("Chủ tịch nước là
        # người đứng đầu Nhà nước"): the documents speak of it
        said = bool(frame.relation) and any(_says(c, frame.relation) for c in ok)
        seen = not self._counts_noun(frame) or any(_names(c, frame.unit_spellings) for c in ok)
        return Composition(chosen, citations, short, items, frame.answer_type in _REQUIRED, bool(answering) or said, unmet,
                           max(c.coverage for c in cands), seen, abroad)

    # ---- parts
    def _select(self, best: Candidate, pool: list[Candidate]) -> list[Candidate]:
        chosen = [best]
        for c in pool:
            if len(chosen) >= self.max_sentences:
                break
            if c is best or c.score < self.t.keep_ratio * best.score or c.coverage < self.t.follow_coverage * best.coverage:
                continue
            if any(c.hit.chunk.doc_id == o.hit.chunk.doc_id and c.start < o.end and o.start < c.end for o in chosen):
                continue  # the same sentence reached through overlapping chunks
            chosen.append(c)
        return chosen

    def _gather(self, answering: list[Candidate], terms: set[str]) -> tuple[list[tuple[str, int]], list[Candidate], list[Citation]]:
        """Items of a list answer from every sentence that covers enough of the question, across documents."""
        floor = self.t.list_coverage * answering[0].coverage
        items: dict[str, tuple[str, int]] = {}
        chosen: list[Candidate] = []
        for c in answering:
            if c.coverage < floor or len(items) >= self.t.max_list_items:
                continue
            if any(c.hit.chunk.doc_id == o.hit.chunk.doc_id and c.start < o.end and o.start < c.end for o in chosen):
                continue
            new = [sp for sp in c.spans if fold_text(sp.text) not in items]
            if not new:
                continue
            chosen.append(c)
            for sp in new:
                items[fold_text(sp.text)] = (sp.text, len(chosen))
            if len(chosen) >= self.max_sentences:
                break
        return list(items.values()), chosen, [self._cite(n, c, terms) for n, c in enumerate(chosen, 1)]

    def _counts_noun(self, frame: QuestionFrame) -> bool:
        """A count of a thing ("bao nhiêu khu công nghiệp", "how many overseas Vietnamese"), not a measure in a
        unit of the units table (whether a figure in that unit is stated decides those)."""
        return (frame.answer_type == AnswerType.QUANTITY and frame.unit is not None and bool(frame.unit_spellings)
                and frame.unit not in self._units
                and not set(_words(frame.unit).split()) <= self._classifiers)  # "mấy cái": which thing, left unsaid

    @cached_property
    def _units(self) -> frozenset[str]:
        return frozenset(u.vi for u in self.checker.lex.units)

    @cached_property
    def _classifiers(self) -> frozenset[str]:
        return frozenset(fold_text(w) for w in self.checker.lex.number_words.get("classifier", ()))

    def _nearest(self, cand: Candidate, terms: set[str], frame: QuestionFrame | None = None) -> Span:
        chunk = cand.hit.chunk
        return choose_span(frame, chunk.text[cand.start - chunk.start: cand.end - chunk.start], cand.spans, terms,
                           self.checker.lex.glossary)

    def _section(self, c: Candidate) -> Candidate:
        """A sentence that opens a labelled paragraph ("Về công tác quản lý biên giới: Làm tốt ... . Tham mưu ...")
        stands for the whole section: its sentences together say what the document sets out on that matter."""
        chunk = c.hit.chunk
        text, at = chunk.text, c.start - chunk.start
        if text.rfind("\n", 0, at) + 1 != at or not _LABEL.match(text, at):
            return c
        end = text.find("\n", at)
        hit = c.hit
        if end < 0 and self.text_of is not None and (whole := self.text_of(chunk.doc_id)):
            # the section runs on into the next chunk: read it to its end in the document ("... theo các đề án
            # ... giai đoạn 2016-2020 đã được Thủ tướng Chính phủ phê duyệt.")
            stop = whole.find("\n", chunk.end)
            stop = min(len(whole) if stop < 0 else stop, chunk.start + at + self.t.section_quote)
            if stop > chunk.end and whole[chunk.start:chunk.end] == chunk.text:
                hit = replace(hit, chunk=replace(chunk, text=whole[chunk.start:stop], end=stop))
                text = hit.chunk.text
                end = len(text)
        end = len(text) if end < 0 else end
        if end - at <= c.end - c.start:
            return c
        return replace(c, hit=hit, end=chunk.start + min(end, at + self.t.section_quote), section=True)

    def _cite(self, n: int, c: Candidate, terms: set[str], frame: QuestionFrame | None = None) -> Citation:
        keep = None
        if c.spans:
            sp = self._nearest(c, terms, frame)
            keep = (c.start + sp.start, c.start + sp.end)
        limit = self.t.section_quote if c.section else self.t.max_quote
        s, e = quote_window(c.hit.chunk, c.start, c.end, limit, terms, self.analyzer, keep)
        return make_citation(n, c.hit, s, e)


def _names(c: Candidate, spellings: tuple[str, ...]) -> bool:
    chunk = c.hit.chunk
    words = _words(chunk.text[c.start - chunk.start: c.end - chunk.start])
    return any(_words(sp) in words for sp in spellings if sp.strip())


def _says(c: Candidate, relation: tuple[str, ...]) -> bool:
    chunk = c.hit.chunk
    return f" {' '.join(relation)} " in _words(chunk.text[c.start - chunk.start: c.end - chunk.start])
