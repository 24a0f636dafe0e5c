"""The ask use case: validate the question, retrieve, compose (extractive, regulation list, or LLM), verify, abstain."""
from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import replace
from typing import Iterator, Sequence

from answer.abstain import judge, place_mismatch
from answer.coverage import CoverageJudge
from answer.extractive import ExtractiveComposer, make_citation
from answer.frames import Frames
from core.errors import BadQuestion, IndexMissing
from core.settings import Settings
from core.types import Answer, Citation, Filters, Turn
from retriever.hybrid import HybridRetriever, Retrieval
from retriever.followup import load_places, rewrite_followup
from retriever.query import detect_language

COVERAGE_PASSAGES = 3
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_question(raw: str, max_chars: int) -> tuple[str, bool]:
    """NFC, control and bidi characters removed, whitespace folded, cut to max_chars. Raises BadQuestion when empty."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", raw or ""))
    text = " ".join(text.split())
    if not text:
        raise BadQuestion("empty question")
    return (text[:max_chars], True) if len(text) > max_chars else (text, False)


class AnswerService:
    def __init__(self, settings: Settings, retriever: HybridRetriever, composer: ExtractiveComposer, frames: Frames,
                 coverage: CoverageJudge, regulations=None, llm=None):
        self.settings, self.retriever, self.composer, self.frames = settings, retriever, composer, frames
        self.coverage = coverage
        self.places = load_places(settings.prompts_dir)
        self.regulations, self.llm = regulations, llm

    @property
    def mode(self) -> str:
        return self.llm.describe() if self.llm else "extractive"

    def ask(self, question: str, filters: Filters | None = None, history: Sequence[str | Turn] = ()) -> Answer:
        answer = None
        for answer in self.stream(question, filters, history):
            pass
        assert isinstance(answer, Answer)
        return answer

    def standalone(self, question: str, history: Sequence[str | Turn]) -> str:
        """The question made standalone from the earlier turns (oldest first): "còn An Giang thì sao?" -> ..."""
        earlier = [t.question if isinstance(t, Turn) else t for t in history]
        earlier = [q for q in earlier if q and q.strip()]
        out = rewrite_followup(question, earlier, self.places) if earlier else question
        return out if out.strip() else question

    def stream(self, question: str, filters: Filters | None = None,
               history: Sequence[str | Turn] = ()) -> Iterator[str | Answer]:
        """Yields partial answer text (LLM mode) and, last, the final Answer. `history` holds the earlier turns of
        the conversation, oldest first (questions, or Turns with the answers given); the answer's `asked_as` is the
        standalone question that was answered."""
        t0 = time.perf_counter()
        try:
            question, truncated = clean_question(question, self.settings.max_question_chars)
        except BadQuestion:
            lang = self.settings.ui_language  # no words to tell the language by
            yield Answer(question or "", self.frames.get(lang, "empty_question"), True, [], [], lang=lang, mode=self.mode)
            return
        if not self.retriever.lexical.get().chunks:
            raise IndexMissing("no documents are indexed yet: run `python app.py ingest [PATH ...]` (default corpus/)")
        asked = self.standalone(question, history)
        lang = detect_language(asked)
        retrieval = self.retriever.retrieve(asked, filters)
        t1 = time.perf_counter()
        answer = None
        if self.regulations is not None:
            answer = self.regulations.answer(retrieval, lang)
        if answer is None:
            answer = self._extractive(retrieval, lang)
            if self.llm is not None and not answer.abstained:
                for part in self.llm.stream(retrieval, lang):
                    if isinstance(part, str):
                        yield part
                    else:
                        answer = part if part.citations else answer  # no valid citation left: keep the extractive answer
        if self.regulations is not None and not answer.references and not answer.abstained:
            answer = replace(answer, references=self.regulations.references_for(answer.answer))
        if truncated:
            answer = replace(answer, answer=self.frames.get(lang, "truncated", n=self.settings.max_question_chars) + "\n\n" + answer.answer)
        t2 = time.perf_counter()
        timings = {**{k: round(v, 1) for k, v in retrieval.timings_ms.items()},
                   "retrieve": round((t1 - t0) * 1e3, 1), "compose": round((t2 - t1) * 1e3, 1), "total": round((t2 - t0) * 1e3, 1)}
        yield replace(answer, question=question, asked_as=asked, timings_ms=timings, lang=lang, mode=answer.mode or self.mode)

    def _extractive(self, retrieval: Retrieval, lang: str) -> Answer:
        index = self.retriever.lexical.get()
        idf = index.idf_by_term()
        chosen, citations = self.composer.compose(retrieval, idf, index.max_idf)
        groups = self.coverage.groups(retrieval.question, lang, idf, index.max_idf)
        top = retrieval.hits[:COVERAGE_PASSAGES]
        covered = self.coverage.coverage(groups, [h.chunk.in_context(locality=True) for h in top])
        places = place_mismatch(retrieval.question, self.places, index.localities, index.vocab, top)
        verdict = judge(retrieval, covered, index.vocab, self.settings.abstain_threshold, places)
        if verdict.abstain:
            related = [make_citation(n, h, h.chunk.start, h.chunk.start + min(len(h.chunk.text), 300))
                       for n, h in enumerate(retrieval.hits[:2], 1)]
            related = [trim_to_word(c) for c in related]
            body = "\n".join(f"- “{c.quote}…” [{c.n}]" for c in related)
            text = f"{self.frames.get(lang, 'abstain')}\n\n{self.frames.get(lang, 'related')}\n{body}" if related else self.frames.get(lang, "abstain")
            return Answer(retrieval.question, text, True, related, retrieval.hits, mode="extractive")
        lines = [f"- “{c.quote}” [{c.n}]" + (f" — *{label}*" if (label := citation_label(c)) else "") for c in citations]
        text = self.frames.get(lang, "lead") + "\n\n" + "\n".join(lines)
        return Answer(retrieval.question, text, False, citations, retrieval.hits, mode="extractive")


def citation_label(c: Citation) -> str | None:
    """Where a quote comes from, in a few words: the province, or the article and clause of a legal text."""
    if c.locator:
        return f"{c.locator}, {c.title}" if c.title else c.locator
    return c.locality


def trim_to_word(c: Citation) -> Citation:
    cut = c.quote.rfind(" ")
    if cut <= 0 or len(c.quote) < 300:
        return c
    return replace(c, quote=c.quote[:cut], end=c.start + cut)
