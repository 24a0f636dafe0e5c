"""A conversation's turns read back: each earlier question made standalone in turn, its answer (kept by the caller,
or asked again) giving the focus later references resolve to; then the new question made standalone."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence

from answer.conversation import ReferenceResolver, Resolution
from answer.counted import with_counted_noun
from core.types import Answer, ConstraintKind, QuestionFrame, Turn
from retriever.frame import FrameAnalyzer

_CONTRAST = re.compile(r"(?i)^(?:(?:thế|vậy)\s+)?còn\s|^and\s+(?:what|how)\s+about\s")


class Thread:
    def __init__(self, analyzer: FrameAnalyzer, resolver: ReferenceResolver, clean: Callable[[str], str],
                 ask: Callable[[str], Answer], index_size: Callable[[], int]):
        """`clean`: a turn's text as the use case cleans a question; `ask`: answers a standalone question (an
        earlier turn whose answer the caller did not keep); `index_size`: the number of indexed passages (a
        replayed answer is cached per question and index)."""
        self.analyzer, self.resolver, self._clean, self._ask, self._size = analyzer, resolver, clean, ask, index_size
        self._replayed: dict[tuple[str, int], Answer] = {}  # earlier turns answered again, by question and index size

    def standalone(self, question: str, history: Sequence[str | Turn]) -> Resolution:
        """The question made standalone from the earlier turns (oldest first): references back ("nó", "it") take
        the focus of the earlier answers, elliptical turns ("còn An Giang thì sao?") the earlier question."""
        earlier: list[tuple[str, QuestionFrame | None, Answer | None]] = []
        for turn in history:
            q = turn.question if isinstance(turn, Turn) else turn
            if not q or not q.strip():
                continue
            q = self._clean(q)
            resolved = self._resolve(q, earlier)
            if resolved.unresolved:
                continue  # a turn that could not be understood leaves no focus
            answer = turn.answer if isinstance(turn, Turn) and turn.answer is not None else self._replay(resolved.standalone)
            standalone = resolved.standalone
            # a kept answer read back without its frame (the page's stored turns) is analysed again from its question
            frame = answer.frame if answer is not None and answer.frame is not None else self.analyzer.analyze(standalone)
            if standalone == q and earlier and (context := self.resolver.with_context(q, earlier, self.analyzer.language(q) == "en")) \
                    and context[1]:
                # a turn naming no place of its own ("How many of those zones are operating?") went on in the
                # province the conversation was about: later turns resolve against that, not a placeless question
                standalone = context[0]
                frame = self.analyzer.analyze(standalone) if not frame.of(ConstraintKind.PLACE) else frame
            earlier.append((standalone, frame, answer))
        resolution = self._resolve(question, earlier)
        # a turn rewritten for its year alone ("Cùng năm đó tỉnh đón bao nhiêu đoàn?" -> "Năm 2016 tỉnh ...") keeps
        # the conversation's scope too; a person, body, place or document put in is its own scope
        year_only = resolution.standalone != question and all(k == "year" for k, _, _ in self.resolver.references(question))
        if not resolution.unresolved and (resolution.standalone == question or year_only):
            context = self.resolver.with_context(resolution.standalone, earlier, self.analyzer.language(question) == "en")
            if context and resolution.standalone == question and _CONTRAST.match(question):
                # "Còn các dự án ODA thì tổng vốn là bao nhiêu?": a turn opening with "còn" / "and what about"
                # goes on in the earlier turn's document or province
                resolution = replace(resolution, standalone=context[0])
            elif context:
                resolution = replace(resolution, with_context=context[0], context_place=context[1])
        return resolution

    @staticmethod
    def elsewhere(answer: Answer, province: str | None) -> bool:
        """Whether an answer quotes first a document about a province other than the conversation's (a document
        card or list is about documents, which no province bounds)."""
        if province is None or answer.abstained or not answer.citations or answer.references:
            return False
        where = answer.citations[0].locality
        return bool(where) and where != province

    def _resolve(self, question: str, earlier) -> Resolution:
        if not earlier and not self.resolver.references(question):
            return Resolution(question)
        counted = with_counted_noun(question, earlier[-1][1] if earlier else None, self.analyzer.lex)
        return self.resolver.resolve(counted, earlier, self.analyzer.language(question) == "en")

    def _replay(self, standalone: str) -> Answer | None:
        """An earlier turn's answer, when the caller kept only its question: asked again (cached)."""
        key = (standalone, self._size())
        if key not in self._replayed:
            if len(self._replayed) > 512:
                self._replayed.clear()
            self._replayed[key] = self._ask(standalone)
        return self._replayed[key]
