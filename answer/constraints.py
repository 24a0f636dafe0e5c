"""Does a sentence meet what the question names? Each constraint of the frame is checked against the sentence and
its context as a reader has it: the paragraph before the sentence, the legal heading, the document's title and the
province the document is about.

- a year or date asked must be stated (a figure for 2016 does not answer 2019);
- a province must be named there, or be the province the document is about (a law or a national directive is
  about no province and applies anywhere); a country must be named;
- an issuing body or organisation must be named; so must the kind of figure asked by its acronym (ODA, FDI);
- a role must be held exactly: "Chủ tịch" is not met by "Phó Chủ tịch";
- a document number must be held by the passage or be the number of the document searched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.lexicon import Lexicon
from core.types import AnswerType, Chunk, Constraint, ConstraintKind, QuestionFrame
from retriever.frame_entities import find_terms
from vntext.codes import find_codes, fold_text
from vntext.dates import date_spans


@dataclass(frozen=True)
class SentenceContext:
    sentence: str
    before: str  # the same paragraph's text before the sentence, within the passage
    chunk: Chunk


def context_of(chunk: Chunk, s: int, e: int) -> SentenceContext:
    """The sentence chunk.text[s:e] with the text of its paragraph before it."""
    line_start = chunk.text.rfind("\n", 0, s) + 1
    return SentenceContext(chunk.text[s:e], chunk.text[line_start:s], chunk)


def _holds(text: str, spellings: tuple[str, ...]) -> bool:
    folded = f" {fold_text(text)} "
    return any(f" {fold_text(sp)} " in folded or _word_in(folded, fold_text(sp)) for sp in spellings if sp)


def _word_in(folded: str, needle: str) -> bool:
    at = folded.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or not folded[at - 1].isalnum()) and (end >= len(folded) or not folded[end].isalnum()):
            return True
        at = folded.find(needle, at + 1)
    return False


class ConstraintChecker:
    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def unmet(self, frame: QuestionFrame, ctx: SentenceContext, scope: tuple[str, ...] = ()) -> list[Constraint]:
        return [c for c in frame.constraints if not (_compared_year(frame, c, ctx) or _issues_answer(frame, c)
                                                     or self.met(c, ctx, scope))
                or _dated_by(frame, c) and not _holds(ctx.sentence, c.spellings)]

    def met(self, c: Constraint, ctx: SentenceContext, scope: tuple[str, ...] = ()) -> bool:
        ch = ctx.chunk
        if c.of_document and scope and ch.source in scope:
            return True  # the named document's own text is by its issuer, of its place
        frame_text = " ".join(x for x in (ch.title, ch.heading or "") if x)
        if c.kind in (ConstraintKind.YEAR, ConstraintKind.DATE):
            attr = "year" if c.kind == ConstraintKind.YEAR else "iso"
            stated = own_dates(ctx.sentence)
            if c.value in {getattr(d, attr) for d in stated}:
                return True
            if c.kind == ConstraintKind.DATE and c.value in {d.iso for d in date_spans(ctx.sentence)}:
                return True  # a full day asked is that day wherever the sentence writes it ("a directive from 4
                # September 2018": "Chỉ thị số 26/CT-TTg, ngày 04/9/2018" dates the document asked about)
            if c.kind == ConstraintKind.YEAR and c.of_document and c.value in {d.year for d in date_spans(frame_text)}:
                return True  # "the 2025 plan": any sentence of the document its title dates
            if c.kind == ConstraintKind.YEAR and any(d.year and d.year != c.value for d in stated) \
                    and not _year_range_holds(ctx.sentence, c.value):
                return False  # the sentence is about another year
            # the paragraph before, the title and heading, and the document's own date: a sentence with no date of
            # its own in an article of July 2014 tells of 2014 ("trong ý kiến chỉ đạo tháng 7/2014, ...")
            around = {getattr(d, attr) for d in date_spans(f"{ctx.before} {frame_text}")}
            if ch.date and c.kind == ConstraintKind.YEAR and not stated:
                around.add(ch.date[:4])
            return c.value in around or (c.kind == ConstraintKind.YEAR and _year_range_holds(ctx.sentence, c.value))
        if c.kind == ConstraintKind.PLACE:
            about = self.lex.provinces.canonical.get(ch.locality, ch.locality) if ch.locality else None
            province = c.value in set(self.lex.provinces.canonical.values())
            if _holds(ctx.sentence, c.spellings):
                # in a document about another province, a sentence naming that one first is about it
                # ("Đăk Nông ... giáp tỉnh Bình Phước ... có 2 cửa khẩu" says nothing of Bình Phước's border gates)
                return not province or about in (None, c.value) or not self._first_named(ctx.sentence, about, c)
            if not province and self._other_country(ctx.sentence, c):
                return False  # "phía Tây giáp Campuchia với 130 km đường biên giới" is no border with Laos
            if _holds(ctx.before, c.spellings) or _holds(frame_text, c.spellings):
                return True
            if not province:
                return False  # a country must be named
            return about is None or about == c.value
        if c.kind in (ConstraintKind.ORGANISATION, ConstraintKind.QUALIFIER):
            return any(_holds(t, c.spellings) for t in (ctx.sentence, ctx.before, frame_text))
        if c.kind == ConstraintKind.ROLE:
            return any(c.value in {t.vi for t, s, _ in find_terms(x, self.lex.roles, "vi", ignore_case=True)
                                   if not _BODY_OF_ROLE.search(x[max(0, s - 12):s])}
                       for x in (ctx.sentence, ctx.before, frame_text))
        if c.kind == ConstraintKind.CODE:
            return bool(scope and ch.source in scope) or _holds(ch.text, (c.value, c.text))
        return True  # a document type is checked against the documents themselves (regulation answers)

    def _other_country(self, sentence: str, c: Constraint) -> bool:
        """Whether the sentence names a foreign country other than the one asked (and not the one asked)."""
        return any(t.vi != c.value and t.vi != "Việt Nam"
                   for t, _, _ in find_terms(sentence, self.lex.countries, "vi", ignore_case=False))

    def _first_named(self, sentence: str, province: str, c: Constraint) -> bool:
        """Whether `province` is named in the sentence before the constraint's place."""
        places = self.lex.provinces.find(sentence, ignore_case=True)
        first = next((name for name, _, _ in places if name in (province, c.value)), None)
        return first == province



_RANGE = re.compile(r"(?:tu\s+(?:nam\s+)?|from\s+|giai doan\s+|between\s+)?((?:1[89]|20)\d\d)\s*(?:-|–|den\s+(?:nam\s+)?|"
                    r"toi\s+(?:nam\s+)?|to\s+|and\s+)((?:1[89]|20)\d\d)")



_BODY_OF_ROLE = re.compile(r"(?:Ban|Văn phòng|Cơ quan)\s+$")  # "Ban Bí thư" is a body, no Bí thư
_DATED = re.compile(r"[\s,]*(?:ngày|ban hành ngày|dated|of)?\s*", re.I)
_COMPARED = re.compile(r"(?:so với|so|hơn|gấp|cùng kỳ|bằng)\s+(?:cùng kỳ\s+)?(?:năm\s+)?$", re.I)


_COMPARED_IN_QUESTION = re.compile(
    r"(?:so với|so sánh với|so|hơn|gấp|compared (?:with|to)|than(?: in)?|over|versus|vs\.?|relative to)\s+"
    r"(?:cùng kỳ\s+)?(?:năm\s+|the year\s+|in\s+)?$", re.I)


def _compared_year(frame: QuestionFrame, c: Constraint, ctx: SentenceContext) -> bool:
    """A year the question compares with ("tăng bao nhiêu lần so với năm 2015") is met by a sentence that compares
    with it ("tăng 4,4 lần so năm 2015"): it is not the sentence's own year, and need not be."""
    if c.kind != ConstraintKind.YEAR or not _COMPARED_IN_QUESTION.search(frame.question[max(0, c.start - 24):c.start]):
        return False
    return c.value in {d.year for d in date_spans(ctx.sentence)}


def _issues_answer(frame: QuestionFrame, c: Constraint) -> bool:
    """"những văn bản nào của Trung ương": the body issued the documents asked for; their numbers answer it
    ("45-CT/TW"), not a sentence repeating the body's name."""
    return frame.answer_type == AnswerType.DOCUMENTS and c.kind == ConstraintKind.ORGANISATION and frame.describes_answer(c)


def _dated_by(frame: QuestionFrame, c: Constraint) -> bool:
    """"Thỏa thuận với ADB được ký năm nào?": the date of what a named body did is written with the body, in its own
    sentence; a date in the next sentence of the same paragraph is another event's."""
    return frame.answer_type == AnswerType.DATE and c.kind == ConstraintKind.QUALIFIER


def own_dates(sentence: str):
    """The dates and years a sentence states as its own, not those it compares with ("tăng 4 lần so năm 2015") nor
    those dating a document it cites ("Chương trình hành động số 14-CTr/TU ngày 28/2/2017")."""
    ends = [c.end for c in find_codes(sentence)]
    return [d for d in date_spans(sentence) if not _COMPARED.search(sentence[max(0, d.start - 20):d.start])
            and not any(0 <= d.start - e <= 12 and _DATED.fullmatch(sentence[e:d.start]) for e in ends)]


def _year_range_holds(sentence: str, year: str) -> bool:
    """"giai đoạn 2011-2020", "từ năm 2008 đến năm 2012" cover the years between."""
    return any(int(a) <= int(year) <= int(b) for a, b in _RANGE.findall(fold_text(sentence)))
