"""Typed spans in a sentence: the candidates for a direct answer. A quantity is a number (with its qualifier and
scale) followed by the unit asked for; a date is any date or year; persons, bodies, offices and places are found by
answer/name_spans.py. `SpanFinder.find` reads the frame for which kind to find. Offsets are into the sentence's
text."""
from __future__ import annotations

import re
from functools import cached_property

from answer.contact_spans import asks_address, contact_spans
from answer.name_spans import NameSpans, Span, named_in, written_near
from answer.reason_spans import reasons
from core.lexicon import Lexicon
from core.types import AnswerType, ConstraintKind, QuestionFrame
from retriever.frame_entities import find_terms
from vntext.codes import find_codes, find_question_codes, fold_text, keys_of
from vntext.dates import date_spans, period_spans

__all__ = ["Span", "SpanFinder", "named_in", "precision_wanted"]  # Span and named_in: from answer/name_spans.py

_NUMBER = r"(?<![\w.,/-])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?![\w/-]|[.,]\d)"


def precision_wanted(frame: QuestionFrame) -> int:
    """The least date-span strength a date question asks for (3 a day, 2 a month), 0 when any date answers."""
    return {"day": 3, "month": 2}.get(frame.date_precision or "", 0)


class SpanFinder(NameSpans):
    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    @cached_property
    def _numbering(self) -> re.Pattern[str]:
        words = "|".join(re.escape(w) for w in sorted(self.lex.number_words["numbering"], key=len, reverse=True))
        return re.compile(rf"(?:{words})\s*$")

    @cached_property
    def _measure(self) -> re.Pattern[str]:
        """A measurement unit written right after a number ("130 km", "17 triệu đô la" after its scale word)."""
        spellings = sorted({sp.strip() for u in self.lex.units if u.vi not in ("người", "lượt") for sp in u.spellings
                            if sp.strip()}, key=len, reverse=True)
        return re.compile(rf"\s?(?:{'|'.join(re.escape(sp) for sp in spellings)})(?![\w²])")

    @cached_property
    def _quantity(self) -> re.Pattern[str]:
        nw = self.lex.number_words
        q = "|".join(re.escape(w) for w in sorted(nw["qualifier"], key=len, reverse=True))
        sc = "|".join(re.escape(w) for w in nw["scale"])
        sp = "|".join(re.escape(w) for w in sorted(nw.get("spelled", ()), key=len, reverse=True))
        spelled = rf"(?<!\w)(?:{sp})(?:\s+(?:{sp}))*(?!\w)" if sp else r"(?!)"
        return re.compile(rf"(?:(?:{q})\s+)?({_NUMBER}|(?P<spelled>{spelled}))(?:\s+(?:{sc})(?!\w))*", re.I)

    def find(self, frame: QuestionFrame, text: str) -> list[Span]:
        kind = frame.answer_type
        if kind == AnswerType.YESNO and frame.also and not frame.unit:
            kind = frame.also[0]  # "... với một tổ chức của Bỉ không?": the organisation the documents name
        if kind == AnswerType.QUANTITY or kind == AnswerType.YESNO and frame.unit:  # a figure claimed: the one given
            return self.quantities(text, frame.unit_spellings, tuple(c.value for c in frame.of(ConstraintKind.YEAR)))
        if kind == AnswerType.DATE:
            # a question about a document, named by its number or described by its type ("Chỉ thị về ... ra ngày
            # nào"), is answered by a date written after a document number as well
            about = frame.about_document or bool(frame.codes or frame.described_document) and not frame.effect
            found = self.dates(text, about, frame.codes)
            if not _SINCE_ASKED.search(fold_text(frame.core)):
                # "Từ năm 2008 đến nay, ... đã ký ...": where a period starts dates no one event in it
                found = [d for d in found if not (_FROM.search(fold_text(text[max(0, d.start - 12):d.start]))
                                                  and _UNTIL.match(fold_text(text[d.end:d.end + 12])))]
            if frame.date_precision == "period":  # "giai đoạn nào": the two years, else any year said
                return [Span(kind, a, b, text[a:b], 2) for a, b in period_spans(text)] or found
            wanted = precision_wanted(frame)
            # "ngày nào", "by what date": a bare year is no answer beside a full date
            return [sp for sp in found if sp.strength >= wanted] or found if wanted else found
        if kind == AnswerType.PERSON:
            if frame.of(ConstraintKind.ROLE) or frame.head:  # who holds an office: a person, never a body
                return self.persons(text)
            return self.persons(text) or self.organisations(text)
        if kind == AnswerType.ORGANISATION:
            return self.organisations(text) or self.persons(text)
        if kind == AnswerType.OFFICE:  # the office written with the person the question names, or none
            names = named_in(frame.core)
            return [o for o in self.offices(text) if names and all(written_near(text, w, o) for w in names)]
        if kind == AnswerType.PLACE and frame.list_of == "region":
            return self.regions(text)
        if kind == AnswerType.PLACE and frame.list_of is None and (
                address := contact_spans(text, frame, self.lex.contacts, only="address")):
            return address  # "Liên hiệp hữu nghị Đồng Nai ở đâu?": where a body is, its address line when one says it
        if kind == AnswerType.PLACE or (kind == AnswerType.LIST and frame.list_of in ("country", "province", "district",
                                                                                     "border_gate", None)):
            return self.places(text, frame.list_of)
        if kind == AnswerType.LIST and frame.list_of == "organisation":
            if _FOREIGN_BODIES.search(fold_text(frame.core)):
                # "những tổ chức quốc tế nào", "which foreign partners": no Vietnamese state body ("UBND tỉnh")
                home = [(s, e) for _, s, e in find_terms(text, self.lex.issuers, "vi", ignore_case=False)]
                return [o for o in self.organisations(text) if not any(s <= o.start < e for s, e in home)]
            return self.organisations(text)
        if kind == AnswerType.REASON:
            return reasons(text)
        if kind == AnswerType.CONTACT:
            # where a body is may be said in prose ("Tổng Lãnh sự quán các nước tại TP. Hồ Chí Minh"): the place, when
            # no contact line gives its address
            return contact_spans(text, frame, self.lex.contacts) or (
                self.places(text, None) if asks_address(frame, self.lex.contacts) else [])
        if kind == AnswerType.DOCUMENTS:  # of the type asked ("đề án nào" is not answered by a Chỉ thị)
            return [Span(kind, c.mention_start, c.end, text[c.mention_start:c.end]) for c in find_codes(text)
                    if not frame.doc_types or c.doc_type in frame.doc_types]
        return []

    def quantities(self, text: str, unit_spellings: tuple[str, ...], years: tuple[str, ...] = ()) -> list[Span]:
        """Numbers followed (within a classifier and two words) by a spelling of the unit; any number when no
        unit is asked. Years, dates, document numbers and numbering ("Điều 5") are not quantities."""
        taken = [(d.start, d.end) for d in date_spans(text)] + [(c.mention_start, c.end) for c in find_codes(text)]
        heads = _unit_heads(unit_spellings)
        row = _table_row(text)
        if row is not None and heads and any(f" {h} " in f" {fold_text(row[0])} " for h in heads):
            # a table row whose label names the unit ("Số đoàn ra | Năm 2025: 46"): its cells count that unit;
            # with a year asked, the cells whose column header states it
            cells = [Span(AnswerType.QUANTITY, row[1] + m.start(), row[1] + m.end(), m.group(), 2)
                     for m in re.finditer(_NUMBER, text[row[1]:]) if not any(a <= row[1] + m.start() < b for a, b in taken)]
            dated = [c for c in cells if any(y in text[text.rfind(" | ", 0, c.start):c.start] for y in years)]
            return dated or cells
        out = []
        for m in self._quantity.finditer(text):
            s, e = m.start(), m.end()
            if any(a <= m.start(1) < b for a, b in taken) or self._numbering.search(text[max(0, s - 12):s]):
                continue
            if not text[:s].strip() and re.match(r"\d+[.)]\s", text[s:]):
                continue  # an item's number at the head of its clause ("1. Quy chế này quy định ...")
            if not heads:
                if m.group("spelled") is None:  # a number in words counts only before the asked unit
                    # no unit asked: the number with the measure it is written in ("130 km", "6.513 km2", "25%")
                    e = (u.end() if (u := self._measure.match(text, e)) else e)
                    out.append(Span(AnswerType.QUANTITY, s, e, text[s:e]))
                continue
            unit = self._unit_after(text, e, heads)
            if unit is not None and m.group("spelled") is not None and not _spelled_unit(text[e:unit[0]], unit_spellings):
                continue  # "ngã ba Đông Dương" is no "ba đồng": a number in words needs its unit as written
            if unit is not None:
                out.append(Span(AnswerType.QUANTITY, s, unit[0], text[s:unit[0]], unit[1]))
        # the unit must be there in full when it has two words or more ("10 hội hữu nghị thành viên", not
        # "5 ngàn hội viên"); which of those answers is for the nearness to the question's words to tell
        floor = min(2, max((len(h.split()) for h in heads), default=1))
        kept = [sp for sp in out if sp.strength >= floor] or out
        # in one sentence, the fuller match of the asked unit answers: "22 dự án ODA", not "28 dự án" before it; a
        # shorter mention after a full one is the same unit said again ("06 thỏa thuận quốc tế mới, nâng tổng số
        # ... lên 21 thỏa thuận")
        top = max((sp.strength for sp in kept), default=0)
        if top <= floor:
            return kept
        first_full = min(sp.start for sp in kept if sp.strength == top)
        return [sp for sp in kept if sp.strength == top or sp.start > first_full]

    def _unit_after(self, text: str, at: int, heads: list[str]) -> tuple[int, int] | None:
        """(end of the unit, how many of the asked unit's words it holds) for a number ending at `at`, or None.
        The unit starts right after the number (or a classifier: "27 bản thỏa thuận"); its other words may follow
        within four words ("22 dự án ODA"), never across punctuation."""
        tail = fold_text(text[at:at + 80])
        stop = re.search(r"[;:.,()\[\]\n]", tail)
        tail = tail[: stop.start()] if stop else tail
        classifiers = "|".join(re.escape(fold_text(w)) for w in self.lex.number_words["classifier"])
        m = re.match(rf"\s*(?:(?:{classifiers})\s+)?", tail)
        pos = m.end() if m and tail[:m.end()].strip() not in heads else 0  # "lần" both a classifier and the unit
        words = [w.group() for w in re.finditer(r"[\w%²$]+", tail[pos:])][:5]
        ends = [pos + w.end() for w in re.finditer(r"[\w%²$]+", tail[pos:])][:5]
        best: tuple[int, int] | None = None
        # the last words of a longer unit may follow its first after a modifier ("hội thành viên": "10 hội hữu nghị
        # thành viên")
        tails = [" ".join(h.split()[-2:]) for h in heads if len(h.split()) >= 3]
        for h in heads:
            hw = h.split()
            if words[: len(hw)] == hw:  # the unit itself comes first
                end, held = ends[len(hw) - 1], len(hw)
                for other in heads + tails:  # further words of the asked unit close by ("dự án ODA")
                    ow = other.split()
                    for i in range(len(hw), len(words) - len(ow) + 1):
                        if words[i:i + len(ow)] == ow and not set(ow) & set(hw):
                            end, held = max(end, ends[i + len(ow) - 1]), held + len(ow)
                            break
                if best is None or held > best[1] or (held == best[1] and end > best[0]):
                    best = (end, held)
        return (at + best[0], best[1]) if best else None

    def dates(self, text: str, about_documents: bool, named: tuple[str, ...] = ()) -> list[Span]:
        """Dates of the text. A date written right after a document number ("272-QĐ/TW ngày 21/5/2015") is that
        document's date: it answers a question about a document, not one about an event; when the question names
        documents (`named` codes), only about those ("Căn cứ Nghị định 64/2021/NĐ-CP ngày ..." does not date plan
        47/KH-UBND)."""
        # a number named in shorthand ("Quyết định 272") is the full code's ("272-QĐ/TW, ngày 21/5/2015")
        wanted = [keys_of(m) for c in named for m in find_question_codes(c)]
        codes = [(c.end, keys_of(c)) for c in find_codes(text)]
        out = []
        for d in date_spans(text):
            owner = next((k for e, k in codes if 0 <= d.start - e <= 16 and re.fullmatch(
                r"[\s,]*(?:ngày|ban hành ngày|,)?[\s,]*", text[e:d.start], re.I)), None)
            attached = owner is not None
            if (about_documents and (not wanted or owner is None or any(w & owner for w in wanted))) or not attached:  # strength: 1 a year, 2 a month, 3 a day
                out.append(Span(AnswerType.DATE, d.start, d.end, text[d.start:d.end], d.precision))
        return out

_FOREIGN_BODIES = re.compile(r"\b(?:to chuc|doi tac|co quan|nha tai tro)(?: [a-z]+)? (?:quoc te|nuoc ngoai)\b|"
                             r"\b(?:international|foreign|overseas) (?:organi[sz]ations?|partners?|donors?|bodies|agencies)\b|"
                             # a province's partners are never its own bodies ("ký ... nhân danh UBND tỉnh")
                             r"\b(?:nhung|cac) doi tac\b|\b(?:which|what) partners\b")
_SINCE_ASKED = re.compile(r"\btu (?:khi nao|nam nao|bao gio|thoi diem nao|luc nao)|\bsince when\b|\bfrom when\b|\bsince what\b")
_FROM = re.compile(r"\b(?:tu|since|from)\s+(?:nam\s+|thang\s+|ngay\s+)?$")
_UNTIL = re.compile(r"\s*(?:den|toi|to|until|till)\b")



def _spelled_unit(after: str, spellings: tuple[str, ...]) -> bool:
    """Whether the words after a number in words start with a spelling of the unit, diacritics and case kept."""
    words = " ".join(after.split())
    return any(words.startswith(sp.lower()) or words.startswith(sp) for sp in spellings if sp)


def _table_row(text: str) -> tuple[str, int] | None:
    """(label, offset where the cells start) of a table row as ingest writes it ("Label | cell | cell")."""
    at = text.find(" | ")
    return (text[:at], at) if at > 0 and text.count(" | ") >= 1 else None


_GENERIC_HEADS = frozenset({"nguoi", "so", "cac", "nhung"})


def _unit_heads(spellings: tuple[str, ...]) -> list[str]:
    """Folded forms to look for after a number, longest first: each spelling, and its first two syllables; the
    first spelling (the noun asked) its first syllable too ("đoàn khách quốc tế" -> "doan khach", "doan"). A
    synonym's first syllable is no unit ("hội viên" is not "hội", "lao động" not "Lào")."""
    heads: list[str] = []
    for i, sp in enumerate(spellings):
        words = re.findall(r"[\w%²$]+", fold_text(sp))  # as the words after a number are read ("chương trình, dự án")
        for n in ((len(words), 2, 1) if i == 0 else (len(words), 2)):
            if n == 1 and len(words) > 2 and words[0] in _GENERIC_HEADS:
                continue  # "người" alone is not "người Việt Nam ở nước ngoài"
            h = " ".join(words[:n])
            if h and h not in heads and (n > 1 or len(h) > 1 or not h.isalpha()):
                heads.append(h)
    return sorted(heads, key=lambda h: -len(h))

