"""The sentences of the top passages scored for a question: their overlap with its words, whether they hold a span
of the asked type (a number with the asked unit, a date, a name), whether they meet its constraints (the year,
province, role asked), and what they are (a preamble line, a legal text's exception clause, a figure said of the
other way of delegations). The composer (answer/compose.py) picks among them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from answer.constraints import ConstraintChecker, context_of
from answer.direction import asked_direction, said_direction
from answer.items import enumerating_colon, lead_in
from answer.span_choice import asked_abroad
from answer.spans import Span, SpanFinder
from core.tuning import Tuning
from core.types import AnswerType, Constraint, ConstraintKind, Hit, IndexStats, QuestionFrame, Retrieval
from retriever.frame_entities import find_terms
from vntext.analyzer import Analyzer
from vntext.codes import fold_text
from vntext.sentences import split_sentences
from vntext.tokens import TokenKind, kind_of

TYPED = frozenset({AnswerType.QUANTITY, AnswerType.DATE, AnswerType.PERSON, AnswerType.OFFICE, AnswerType.ORGANISATION, AnswerType.DOCUMENTS,
                   AnswerType.PLACE, AnswerType.LIST, AnswerType.REASON, AnswerType.CONTACT})


def typed(frame) -> bool:
    """Whether the question asks for a span of a type (a yes/no question too when it claims a figure or asks which
    one: "... với một tổ chức của Bỉ không?")."""
    return frame.answer_type in TYPED or frame.answer_type == AnswerType.YESNO and bool(frame.unit or frame.also)


_HEADING = re.compile(r"^(?:Điều|Chương|Mục|Phần)\s+[\dIVXLC]+[a-zđ]?\s*[.:]?", re.I)


def words(text: str) -> str:
    """" w1 w2 ... ": folded words between spaces, to test whether a span is something the question already says."""
    return " " + " ".join(re.findall(r"[^\W_]+", fold_text(text))) + " "


@dataclass(frozen=True)
class Candidate:
    rank: int
    hit: Hit
    start: int  # sentence offsets in the document text
    end: int
    coverage: float  # idf-weighted share of the question's terms the sentence holds
    score: float
    spans: tuple[Span, ...]  # typed spans, offsets in the sentence
    unmet: tuple[Constraint, ...]
    section: bool = False  # widened to the labelled section it opens ("Về công tác quản lý biên giới: ...")


class SentenceScorer:
    def __init__(self, analyzer: Analyzer, spans: SpanFinder, checker: ConstraintChecker, tuning: Tuning):
        self.analyzer, self.spans, self.checker, self.t = analyzer, spans, checker, tuning

    def candidates(self, retrieval: Retrieval, stats: IndexStats) -> list[Candidate]:
        frame = retrieval.frame
        terms = {t for t in retrieval.query_terms if kind_of(t) in (TokenKind.WORD, TokenKind.BIGRAM)}
        weight = {t: stats.idf.get(t, stats.max_idf) for t in terms}
        total = sum(weight.values()) or 1.0
        asked_text = words(frame.core)
        spanned = typed(frame)
        claim = frame.answer_type == AnswerType.YESNO
        # a count of delegations asked of one way is not answered by a figure said only of the other
        way = asked_direction(frame, self.checker.lex.directions) if frame.answer_type == AnswerType.QUANTITY else None
        actor = frame.answer_type in (AnswerType.PERSON, AnswerType.ORGANISATION)
        abroad = asked_abroad(frame, self.checker.lex)  # places asked of a foreign country are none of Vietnam's
        # a yes/no question states a claim to check: what it names is to be verified, not required of the passage
        checks = frame.answer_type != AnswerType.YESNO
        # a preamble line ("Căn cứ Luật ... ngày 13 tháng 11 năm 2020;") names other documents: it answers only
        # questions about documents
        basis = None if frame.wants_documents or frame.about_document else self.checker.lex.legal_basis
        exception = self._exception(frame)  # a clause for a case the question does not name
        out: list[Candidate] = []
        for rank, hit in enumerate(retrieval.hits[: self.t.compose_passages], 1):
            text = hit.chunk.text
            for s, e in split_sentences(text):
                sent = text[s:e]
                short_ok = frame.answer_type == AnswerType.CONTACT  # a contact line is short ("Fax: (02513)846.066")
                if len(sent) < self.t.min_sentence and not short_ok or _HEADING.match(sent) and len(sent) < 200:
                    continue  # too short to answer, or a bare heading ("Điều 36. Nội dung ...")
                if basis is not None and basis.match(sent):
                    continue
                toks = set(self.analyzer.passage(sent))
                coverage = sum(w for t, w in weight.items() if t in toks) / total
                # (a figure a yes/no question claims is what confirms it, written as asked)
                spans = tuple(sp for sp in self.spans.find(frame, sent) if (claim or words(sp.text) not in asked_text)
                              and not (abroad and (self._domestic(sp.text) or self._elsewhere(sent, sp, frame))))
                if way and spans and said_direction(sent, self.checker.lex.directions) not in (None, way):
                    spans = ()
                if actor and spans and (colon := enumerating_colon(sent)) is not None:
                    # "1. Chủ tịch Ủy ban nhân dân tỉnh quyết định ... đối với: a) ... c) ... lãnh đạo Ủy ban nhân
                    # dân tỉnh": who acts is before the colon; the bodies in the items are what it acts on
                    spans = tuple(sp for sp in spans if sp.end <= colon) or spans
                if actor and not spans and (lead := lead_in(text, s)) is not None:
                    # an enumerated item ("b) Đoàn của Đại sứ ...") under the clause that says who acts on it ("1.
                    # Chủ tịch Ủy ban nhân dân tỉnh quyết định mời hoặc cho phép đối với:"): the person or body asked
                    # for may be in that lead-in; the quote runs from it to the item. (A date or figure in a lead-in
                    # is the list's, not the item's: "Năm 2025, tỉnh dự kiến ký kết 04 thỏa thuận, cụ thể:")
                    found = tuple(sp for sp in self.spans.find(frame, text[lead:s]) if words(sp.text) not in asked_text)
                    if (colon := enumerating_colon(text[lead:s])) is not None:
                        found = tuple(sp for sp in found if sp.end <= colon) or found  # not a sibling item's body
                    if found:
                        spans, s, sent = found, lead, text[lead:e]
                unmet = tuple(self.checker.unmet(frame, context_of(hit.chunk, s, e), retrieval.scope)) if checks else ()
                score = coverage + self.t.rank_prior / rank
                # a sentence of the named document's own text is about it even where it says "Quyết định này"
                if retrieval.code_keys and (toks.intersection(retrieval.code_keys) or hit.chunk.source in retrieval.scope):
                    score += self.t.code_bonus
                if spanned and spans:
                    score += self.t.typed_bonus
                if unmet:
                    score -= self.t.unmet_penalty
                if exception is not None and exception.search(fold_text(sent).lower()):
                    score -= self.t.exception_penalty
                out.append(Candidate(rank, hit, hit.chunk.start + s, hit.chunk.start + e, coverage, score, spans, unmet))
        out.sort(key=lambda c: -c.score)
        return out

    def _exception(self, frame: QuestionFrame) -> re.Pattern[str] | None:
        """The pattern of an exception clause, unless the question names a case (then it asks of that case)."""
        patterns = self.checker.lex.exceptions
        text = fold_text(frame.core) if frame.lang == "vi" else frame.core.lower()
        if any(p.kind == "question" and p.lang == frame.lang and p.regex.search(text) for p in patterns):
            return None
        return next((p.regex for p in patterns if p.kind == "passage"), None)

    def _domestic(self, place: str) -> bool:
        return bool(self.checker.lex.provinces.find(place))

    def _elsewhere(self, sent: str, sp: Span, frame: QuestionFrame) -> bool:
        """Whether a place is written as another country's than the one asked: "tỉnh Champasak (Lào)" is no
        province of Campuchia (the country in brackets after the place or its enumeration)."""
        m = re.match(r"[\w\s,'-]{0,40}?\(([^()]{2,40})\)", sent[sp.end:])
        if not m:
            return False
        lex = self.checker.lex
        named = {t.vi for t, _, _ in find_terms(m.group(1), lex.countries, "vi", False)}
        asked = {c.value for c in frame.of(ConstraintKind.PLACE)}
        return bool(named) and not named & asked
