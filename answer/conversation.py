"""Follow-ups that refer back, made standalone without a model.

Each earlier turn leaves a focus: the document its answer was about, and the person, organisation or place of its
direct answer; failing those, the entities its question named. A new question's references back (prompts/
references.tsv: "nó", "văn bản đó", "chỉ thị này", "ông ấy", "tỉnh này", "it", "this directive", "he", "they")
are replaced by the focus of the right kind from the latest turn that has one. Elliptical turns ("còn An Giang thì
sao?", "what about 2019?") take the previous standalone question with the new entity swapped in
(retriever/followup.py). A reference with nothing to resolve it is reported, never guessed."""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.lexicon import Lexicon
from core.types import Answer, AnswerType, ConstraintKind, QuestionFrame
from retriever.followup import rewrite_followup
from retriever.frame_entities import find_terms, named_documents
from vntext.codes import find_codes

KINDS = ("document", "person", "organisation", "place")
_SHORT_FOLLOWUP = 12  # words: a longer question without earlier turns is taken as standalone


@dataclass(frozen=True)
class Focus:
    """What an answered turn was about, by kind; each value is written as a question would name it."""

    document: str | None = None  # "Chỉ thị 38-CT/TW"
    person: str | None = None
    organisation: str | None = None
    place: str | None = None
    year: str | None = None
    provinces: tuple[str, ...] = ()  # the Vietnamese provinces among the places ("tỉnh này" means one of them)

    def get(self, kind: str) -> str | None:
        return getattr(self, kind, None)


@dataclass(frozen=True)
class Resolution:
    standalone: str
    unresolved: str = ""  # the reference text left unresolved ("nó"), "" when every reference was resolved
    kind: str = ""  # its kind


def focus_of(frame: QuestionFrame | None, answer: Answer | None, lex: Lexicon | None = None) -> Focus:
    """The answer's own focus first (the document it showed, its direct answer), then what the question named.
    A document the question named is what its answer was about; a document an answer merely quotes is not."""
    doc = person = org = place = year = None
    named_code = bool(frame and (frame.of(ConstraintKind.CODE) or frame.of(ConstraintKind.DOCUMENT)))
    if answer is not None and not answer.abstained:
        refs = answer.references or []
        routed = frame is not None and (frame.about_document or frame.answer_type == AnswerType.DOCUMENTS)
        if refs and refs[0].get("code") and (routed or not named_code):
            r = refs[0]
            doc = f"{r['type']} {r['code']}" if r.get("type") else r["code"]
        short = answer.short_answer.text if answer.short_answer else None
        kind = frame.answer_type if frame else None
        if short and kind == AnswerType.PERSON:
            person = short
        elif short and kind == AnswerType.ORGANISATION:
            org = short
        elif short and kind == AnswerType.PLACE:
            place = short
        if refs and refs[0].get("issuers") and not org:
            org = refs[0]["issuers"][0]
    if frame is not None:
        codes = [c for c in frame.of(ConstraintKind.CODE)]
        names = [c for c in frame.of(ConstraintKind.DOCUMENT)]
        if doc is None and (codes or names):
            c = (codes or names)[0]
            doc = c.text if codes and c.text != c.value and len(c.text) > len(c.value) else c.value
        places = frame.of(ConstraintKind.PLACE)
        orgs = frame.of(ConstraintKind.ORGANISATION)
        years = frame.of(ConstraintKind.YEAR)
        place = place or (places[0].value if places else None)
        org = org or (orgs[0].value if orgs else None)
        year = years[0].value if years else None
        if person is None and lex is not None:  # "Đồng chí Cao Huy giữ chức vụ gì?": the person the question named
            from answer.spans import SpanFinder
            named = SpanFinder(lex).persons(frame.core)
            person = named[0].text if named else None
    provinces = ()
    if lex is not None:
        canon = set(lex.provinces.canonical.values())
        provinces = tuple(p for p in dict.fromkeys([place] + [c.value for c in (frame.of(ConstraintKind.PLACE) if frame else ())])
                          if p in canon)
    return Focus(doc, person, org, place, year, provinces)


_GROUP_VI = re.compile(
    r"(?i)(?<!\w)(?:(?:các|những)\s+)?(?:tổ chức|hiệp hội|hội hữu nghị|hội|liên hiệp|đoàn|cơ quan|doanh nghiệp|đối tác|"
    r"công ty|câu lạc bộ)(?!\w)(?:\s+(?!(?:đến|tại|ở|đã|có|được|là|vào|trong|sang|của|với)(?!\w))[^\W\d_]+){0,8}")
_GROUP_EN = re.compile(
    r"(?i)\b(?:(?!(?:how|many|much|what|which|the|a|an|did|does|do)\b)[a-z'’-]+\s+){0,2}(?:organi[sz]ations|associations|"
    r"NGOs|companies|partners|delegations|committees|agencies|bodies|groups|unions)\b")


def group_named(question: str) -> str | None:
    """The group a question is about ("các tổ chức phi chính phủ nước ngoài", "bilateral friendship associations"):
    what "họ" / "they" in the next question most likely means when no answer named an organisation."""
    m = _GROUP_VI.search(question) or _GROUP_EN.search(question)
    return m.group().strip() if m else None


class ReferenceResolver:
    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self._patterns = [(p.lang, p.kind, p.regex) for p in lexicon.references]

    def references(self, question: str) -> list[tuple[str, int, int]]:
        """(kind, start, end) of each reference back in the question, left to right, not overlapping."""
        out: list[tuple[str, int, int]] = []
        for _lang, kind, rx in self._patterns:
            for m in rx.finditer(question):
                s, e = m.span("ref") if "ref" in rx.groupindex else m.span()
                if not any(a < e and s < b for _, a, b in out):
                    out.append((kind, s, e))
        return sorted(out, key=lambda r: r[1])

    def resolve(self, question: str, earlier: list[tuple[str, QuestionFrame | None, Answer | None]],
                english: bool) -> Resolution:
        """`earlier`: (standalone question, its frame, its answer) of each earlier turn, oldest first."""
        asked = [q for q, _, _ in earlier]
        refs = [r for r in self.references(question) if not self._antecedent_inside(question, *r)]
        if not refs:
            return Resolution(rewrite_followup(question, asked, self.lex.provinces) if asked else question)
        if not earlier and len(question.split()) > _SHORT_FOLLOWUP:
            return Resolution(question)  # a long question standing alone: its pronouns point inside it
        foci = [focus_of(f, a, self.lex) for _, f, a in reversed(earlier)]
        out, last = [], 0
        for kind, s, e in refs:
            if kind == "place" and question[s:e].lower().startswith("tỉnh"):  # "tỉnh này": a Vietnamese province
                value = next((f.provinces[0] for f in foci if f.provinces), None)
            else:
                value = next((f.get(kind) for f in foci if f.get(kind)), None)
            if value is None and kind == "thing":  # "it", "họ": the latest document, then organisation, place
                value = next((f.get(k) for f in foci for k in ("document", "organisation", "place") if f.get(k)), None)
            if value is None and kind == "organisation":  # "họ", "they": the group the previous question named
                value = next((g for q, _, _ in reversed(earlier) if (g := group_named(q))), None)
            if value is None:
                return Resolution(question, question[s:e], kind if kind != "thing" else "document")
            out.append(question[last:s])
            out.append(self._phrase(kind, question[s:e], value, english))
            last = e
        out.append(question[last:])
        return Resolution(re.sub(r"\s+", " ", "".join(out)).strip())

    def _antecedent_inside(self, question: str, kind: str, s: int, e: int) -> bool:
        """Whether the question itself names, before the reference, what it refers to ("Ông Nguyễn Văn A ... ông
        ấy", "Luật Cư trú ... luật này"): then it is not a reference back."""
        before = question[:s]
        if kind in ("document", "thing") and (find_codes(before) or named_documents(before, self.lex)):
            return True
        if kind in ("person", "thing", "organisation") and (re.search(r"\b(?:[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị)\s+[A-ZĐ]\w*", before)
                                                             or re.search(r"\b[A-ZĐ]\w*\s+[A-ZĐ]\w*\s+[A-ZĐ]", before)):
            return True
        if kind in ("place", "thing") and self.lex.provinces.find(before, ignore_case=True):
            return True
        return kind == "organisation" and bool(find_terms(before, self.lex.issuers, "vi", ignore_case=True))

    def _phrase(self, kind: str, written: str, value: str, english: bool) -> str:
        """The focus as it stands in place of the reference: "chỉ thị này" -> "Chỉ thị 38-CT/TW"."""
        if kind in ("document", "thing") and english:
            code = value.split()[-1]
            kind_word = value.rsplit(" ", 1)[0] if " " in value else ""
            en = self.lex.english_doc_type(kind_word) if kind_word else None
            named = f"{en} {code}" if en and re.search(r"\d", code) else value
            return named + ("'s" if written.lower() == "its" else "")
        if kind == "place" and not english and not value.lower().startswith(("tỉnh", "thành phố")):
            return ("tỉnh " if written.lower().startswith("tỉnh") else "") + value
        if kind == "year":
            return ("năm " if not english else "in ") + value
        return value
