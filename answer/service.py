"""The ask use case: clean the question, make it standalone from the conversation, analyse it into a frame, route
it (a named document's card, a list of documents, or passages, searched inside a named document when the question
asks about its content), compose the direct answer and its quotes, judge answerability; LLM modes on top."""
from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import replace
from typing import Iterator, Sequence

from answer.answerability import Answerability
from answer.compose import TYPED, Composer
from answer.compound import merge_parts
from answer.name_spans import named_in
from answer.frames import Frames
from answer.render import AnswerWriter, evidence_of
from core.errors import BadQuestion, IndexMissing
from core.settings import Settings
from core.tuning import Tuning
from core.types import (Answer, AnswerType, ConstraintKind, Filters, QuestionFrame, QuestionPart, Retrieval,
                        Turn)
from answer.conversation import ReferenceResolver, Resolution
from answer.thread import Thread
from retriever.frame import FrameAnalyzer
from retriever.hybrid import HybridRetriever
from vntext.diacritics import typed_without_diacritics

_SPANNED = TYPED - {AnswerType.LIST, AnswerType.DOCUMENTS, AnswerType.REASON}  # one figure, date or name answers it
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_question(raw: str, max_chars: int) -> tuple[str, bool]:
    """NFC, control and bidi characters removed, whitespace folded, cut to max_chars. Raises BadQuestion when empty."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", raw or ""))
    text = " ".join(text.split())
    if not text:
        raise BadQuestion("empty question")
    return (text[:max_chars], True) if len(text) > max_chars else (text, False)


class AnswerService:
    def __init__(self, settings: Settings, retriever: HybridRetriever, analyzer: FrameAnalyzer, composer: Composer,
                 answerability: Answerability, frames: Frames, tuning: Tuning, resolver: ReferenceResolver,
                 regulations=None, llm=None, authors=None):
        self.settings, self.retriever, self.analyzer, self.composer = settings, retriever, analyzer, composer
        self.answerability, self.frames, self.t, self.resolver = answerability, frames, tuning, resolver
        self.regulations, self.llm, self.authors = regulations, llm, authors
        self.writer = AnswerWriter(frames, composer.analyzer, analyzer.lex.units, tuning.mention_share, regulations)
        # a province written by its initials ("LS") is spelt out before the conversation is read: "đến LS" names a place
        self.thread = Thread(analyzer, resolver,
                             lambda q: retriever.spell_initials(clean_question(q, settings.max_question_chars)[0]), self.ask,
                             lambda: retriever.stats().n_chunks)

    @property
    def mode(self) -> str:
        return self.llm.describe() if self.llm else "extractive"

    def ask(self, question: str, filters: Filters | None = None, history: Sequence[str | Turn] = ()) -> Answer:
        answer = None
        for answer in self.stream(question, filters, history):
            pass
        assert isinstance(answer, Answer)
        return answer

    def standalone(self, question: str, history: Sequence[str | Turn]) -> Resolution:
        """The question made standalone from the earlier turns (oldest first); see answer/thread.py."""
        return self.thread.standalone(question, history)

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
        if not self.retriever.stats().n_chunks:
            raise IndexMissing("no documents are indexed yet: run `python app.py ingest [PATH ...]` (default corpus/)")
        resolution = self.thread.standalone(self.retriever.spell_initials(question), history)
        asked = resolution.standalone
        # a rewritten turn is in the language the user typed it in, whatever names the rewrite brought in ("How much
        # has Cơ quan Hợp tác quốc tế Nhật Bản (JICA) given ...?" is an English question)
        typed_in = self.analyzer.language(question) if asked != question else None
        if (typed_in or self.analyzer.language(asked)) == "vi":  # shown as how the question was understood
            if typed_without_diacritics(asked):
                asked = self.analyzer.lex.provinces.as_written(self.retriever.restore_diacritics(asked))
            else:  # a mark mistyped ("nôi dung", "cua Thủ tướng")
                asked = self.retriever.correct_diacritics(asked)
        frame = self.analyzer.analyze(asked, lang=typed_in)
        if asked != question and history:
            frame = self._new_place_only(frame, question)
        lang = frame.lang
        if resolution.unresolved:  # never a silent guess: say what is unclear and ask
            kind = self.frames.get(lang, f"kind_{resolution.kind}")
            yield Answer(question, self.frames.get(lang, "clarify", ref=resolution.unresolved, kind=kind), True, [], [],
                         lang=lang, mode=self.mode, asked_as=asked, frame=frame, reason="unresolved reference")
            return
        answer, retrieval, t1 = None, None, time.perf_counter()
        for part in self._answer(frame, filters, lang):
            if isinstance(part, Retrieval):
                retrieval, t1 = part, time.perf_counter()
            elif isinstance(part, str):
                yield part
            else:
                answer = part
        assert answer is not None
        elsewhere = self.thread.elsewhere(answer, resolution.context_place)
        if resolution.with_context and self.llm is None and (
                elsewhere or answer.abstained and (answer.reason or "").startswith("weak evidence")):
            # a follow-up with no reference word that finds too little alone, or finds it only in another province's
            # document while the conversation is about one province: asked within the earlier turn's scope. A weak
            # answer is replaced only by an answer; another province's figure also by the scoped refusal.
            wider = self.analyzer.analyze(resolution.with_context)
            retried = next((p for p in self._answer(wider, filters, lang) if isinstance(p, Answer)), None)
            if retried is not None and (elsewhere or not retried.abstained):
                answer, asked, frame = retried, resolution.with_context, wider
        if frame.parts and self.llm is None:
            # a question asking several things: each part answered on its own, shown together; a part the
            # documents do not answer says so
            answered = [(part, self._part(part, filters, lang)) for part in frame.parts]
            answer = merge_parts(answer, answered, self.frames, lang, latest_last=resolution.standalone != question) or answer
        if self.regulations is not None and not answer.references and not answer.abstained:
            answer = replace(answer, references=self.regulations.references_for(answer.answer))
        if truncated:
            answer = replace(answer, answer=self.frames.get(lang, "truncated", n=self.settings.max_question_chars) + "\n\n" + answer.answer)
        t2 = time.perf_counter()
        timings = {**{k: round(v, 1) for k, v in (retrieval.timings_ms if retrieval else {}).items()},
                   "retrieve": round((t1 - t0) * 1e3, 1), "compose": round((t2 - t1) * 1e3, 1), "total": round((t2 - t0) * 1e3, 1)}
        yield replace(answer, question=question, asked_as=asked, timings_ms=timings, lang=lang,
                      mode=answer.mode or self.mode, frame=frame)

    def _part(self, part: QuestionPart, filters: Filters | None, lang: str) -> Answer:
        frame = self.analyzer.analyze(part.question, lang=lang, compound=False)
        own = self.analyzer.analyze(part.label, lang=lang, compound=False)
        # a body the shared words name ("gửi hồ sơ cho Sở Ngoại vụ ..., còn trường hợp đột xuất thì ...") ranks the
        # part's sentences but need not be written in them; one the part's own words name must be
        frame = replace(_only_said(frame, own, (ConstraintKind.ORGANISATION,)),
                        own_terms=tuple(self.retriever.lexical_terms(own)))
        answer = [p for p in self._answer(frame, filters, lang) if isinstance(p, Answer)][-1]
        if frame.answer_type in _SPANNED and not answer.abstained and answer.short_answer is None and not answer.references:
            # a figure, date or name asked in one part and not found: the other parts' quotes do not answer it
            what = self.frames.get(lang, f"what_{frame.answer_type.value}")
            answer = replace(answer, abstained=True, answer=self.frames.get(lang, "partial", what=what),
                             reason=f"no {frame.answer_type.value} is stated")
        return answer

    def _new_place_only(self, frame: QuestionFrame, followup: str) -> QuestionFrame:
        """An elliptical turn that brings a new place ("Còn tỉnh Đồng Nai thì sao?" after "Từ 2008 đến nay Lạng Sơn
        ký được bao nhiêu thỏa thuận quốc tế nhân danh UBND tỉnh?") asks the same of that place: the earlier turn's
        years and bodies qualified the earlier place's figure, so they rank the new place's sentences but need
        not be stated in them. The new place must be; so must a year the turn itself brings."""
        own = self.analyzer.analyze(followup, compound=False)
        if not own.of(ConstraintKind.PLACE) or own.of(ConstraintKind.YEAR) or own.of(ConstraintKind.DATE):
            return frame
        return _only_said(frame, own, (ConstraintKind.YEAR, ConstraintKind.DATE, ConstraintKind.ORGANISATION))

    # ---- routing
    def _answer(self, frame: QuestionFrame, filters: Filters | None, lang: str) -> Iterator[Retrieval | str | Answer]:
        retrieval = self.retriever.retrieve(frame, filters)
        if frame.author and self.authors is not None and (byline := self.authors.answer(retrieval, lang)):
            yield retrieval  # who wrote the article the question describes: its byline
            yield byline
            return
        if frame.published and self.authors is not None and (posted := self.authors.published(retrieval, lang)):
            yield retrieval  # when the article the question describes was posted: its dateline
            yield posted
            return
        if frame.answer_type == AnswerType.OFFICE and self.authors is not None \
                and (office := self.authors.office_of(retrieval, lang, named_in(frame.core))):
            yield retrieval  # the office of a person who signed a retrieved text: the title above the signature
            yield office
            return
        regs = self.regulations
        if frame.signer and self.authors is not None:
            # who signed a document: the signature block of its own text (the card names only the issuing body)
            own = regs.own_sources(frame.codes) if regs is not None and frame.codes else ()
            if own:
                retrieval = _merged(self.retriever.retrieve(frame, filters, scope=own), retrieval, self.settings.top_k)
            if (not frame.codes or own) and (signed := self.authors.signed(retrieval, lang, own)):
                yield retrieval
                yield signed
                return
        if regs is not None:
            # a named document asked about as a document: its card; "which documents ...": the filtered list
            # (documents related to a named one, of another type: the list, without the named one)
            on_card = frame.about_document and not regs.context_only(frame)
            route = regs.card_answer if on_card else regs.list_answer if frame.wants_documents else None
            routed = route(frame, retrieval, lang, filters) if route else None
            if routed is not None:
                yield retrieval
                yield routed
                return
            names = tuple(c.value for c in frame.of(ConstraintKind.DOCUMENT))
            titled, missing = regs.titled_sources(names) if names else ((), ())
            missing = tuple(n for n in missing if n[:1].isupper())  # "Luật Du lịch" names one; "luật quốc tế" is law
            if missing and not titled and not _mentioned(missing, retrieval):
                yield retrieval  # a document the index does not hold and no passage cites
                yield regs.refusal(retrieval, lang, "no_such_document", missing[0])
                return
            own = set(regs.own_sources(frame.codes) if not frame.about_document or frame.wants_documents else ())
            if frame.answer_type != AnswerType.YESNO:
                # a true/false statement ("... theo quy định của Luật Tố tụng hành chính, đúng hay sai?", "... trái
                # với Hiến pháp ...") names a law by its title as part of the claim to check: the passage settling
                # it may be another law's (the claim is then false), so it is searched in the whole index
                own |= set(titled)
            if frame.codes and not own and not frame.about_document:
                own = set(regs.citing_sources(frame))  # failing its own text, the documents that discuss it
            scope = tuple(sorted(own))
            if scope:  # the named document's own text comes before passages that merely mention it
                retrieval = _merged(self.retriever.retrieve(frame, filters, scope=scope), retrieval, self.settings.top_k)
        yield retrieval
        stats = self.retriever.stats()
        comp = self.composer.compose(retrieval, stats)
        verdict = self.answerability.judge(frame, retrieval, comp, stats)
        if verdict.abstain:
            yield self.writer.refusal(frame, retrieval, verdict, lang)
            return
        answer = replace(self.writer.extractive(frame, retrieval, comp, lang), evidence=evidence_of(verdict))
        if self.llm is not None:
            for part in self.llm.stream(retrieval, lang):
                if isinstance(part, str):
                    yield part
                elif part.citations:
                    answer = part
        yield answer

def _only_said(frame: QuestionFrame, own: QuestionFrame, kinds: tuple[ConstraintKind, ...]) -> QuestionFrame:
    """`frame` keeping, of its constraints of these kinds, only those the turn's or part's own words (`own`) say:
    the others came with the words it shares with the earlier question and need not be written with the answer."""
    said = {(c.kind, c.value) for c in own.constraints}
    kept = tuple(c for c in frame.constraints if c.kind not in kinds or (c.kind, c.value) in said)
    return replace(frame, constraints=kept) if len(kept) < len(frame.constraints) else frame


def _mentioned(names: tuple[str, ...], retrieval: Retrieval) -> bool:
    """Whether a retrieved passage cites one of the named documents (its name's first words, diacritics folded)."""
    from vntext.codes import fold_text

    keys = [" ".join(fold_text(n).split()[:4]) for n in names]
    return any(k in " ".join(fold_text(h.chunk.text).split()) for k in keys for h in retrieval.hits)


def _merged(scoped: Retrieval, wide: Retrieval, k: int) -> Retrieval:
    seen = {h.chunk.chunk_id for h in scoped.hits}
    hits = scoped.hits + [h for h in wide.hits if h.chunk.chunk_id not in seen]
    return replace(scoped, hits=hits[:k])
