"""Follow-ups that refer back, made standalone without a model.

Each earlier turn leaves a focus: the document its answer was about, and the person, organisation or place of its
direct answer; failing those, the entities its question named. A new question's references back (prompts/
references.tsv: "nó", "văn bản đó", "chỉ thị này", "ông ấy", "tỉnh này", "it", "this directive", "he", "they")
are replaced by the focus of the right kind from the latest turn that has one. Elliptical turns ("còn An Giang thì
sao?", "what about 2019?") take the previous standalone question with the new entity swapped in
(retriever/followup.py). A reference with nothing to resolve it is reported, never guessed."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from answer.counted import counted_reference
from answer.focus import (Focus, described_in, focus_of, group_named, kind_named, listed, named_in, role_holder,
                          titled_in)
from answer.spans import SpanFinder
from core.lexicon import Lexicon
from core.types import Answer, AnswerType, ConstraintKind, QuestionFrame
from retriever.followup import rewrite_followup
from retriever.frame_entities import find_terms, named_documents
from vntext.codes import find_codes, fold_text

KINDS = ("document", "person", "organisation", "place")
_SHORT_FOLLOWUP = 12  # words: a longer question without earlier turns is taken as standalone


@dataclass(frozen=True)
class Resolution:
    standalone: str
    unresolved: str = ""  # the reference text left unresolved ("nó"), "" when every reference was resolved
    kind: str = ""  # its kind
    with_context: str | None = None  # a follow-up left as asked, with the earlier turn's scope added: tried when
    # the follow-up alone finds too little, or finds it in another province's document (answer/service.py)
    context_place: str | None = None  # that scope when it is a province


# kind words that may stand for any body ("cơ quan đó", "tổ chức này", "that organisation")
_ANY_BODY = frozenset(fold_text(w) for w in ("cơ quan", "tổ chức", "đơn vị", "đối tác", "organisation", "organization",
                                            "body", "agency", "group"))
_ISSUING = re.compile(r"\b(?:ban hanh|ky|issue|issued|issues|sign|signed|adopt|adopted)\b")
# a follow-up asking what only a document has: its number, issuing, signing, effect
_DOCUMENT_FACT = re.compile(r"\b(?:so may|so hieu|so bao nhieu|ban hanh|ky ngay|ky khi|hieu luc|number|issued|signed|in force)\b")


class ReferenceResolver:
    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self._patterns = [(p.lang, p.kind, p.regex) for p in lexicon.references]
        self._spans = SpanFinder(lexicon)

    def focus(self, question: str, frame: QuestionFrame | None, answer: Answer | None) -> Focus:
        """An earlier turn's focus; a person its answer does not name may be the one its question named with a
        title ("Đồng chí Cao Huy giữ chức vụ gì?" -> "Ông ấy ..." is Cao Huy)."""
        f = focus_of(frame, answer)
        shown = answer.short_answer.text if answer is not None and answer.short_answer is not None else None
        if f.place and f.place != shown and not self.lex.provinces.find(f.place):
            # a partner country the question named ("Which Cambodian provinces did An Giang sign ...") is not what
            # the conversation is about: the province is ("Did it also sign ..." is An Giang)
            home = next((p for p in f.places if self.lex.provinces.find(p)), None)
            if home:
                f = replace(f, place=home, places=(home, *(p for p in f.places if p != home)))
        if f.person is None:
            named = self._spans.titled(question) or self._spans.persons(question)  # "Cao Huy" in an English question
            if named:
                f = replace(f, person=named[0].text)
            elif frame is not None and (held := role_holder(frame)):
                f = replace(f, person=held)  # "Phó Thủ tướng Lào" -> "Ông ấy được đưa đi thăm ..." is that person
        return f

    def _types(self, english: bool) -> tuple[str, ...]:
        """The document type words a question names documents by ("chỉ thị", "directive")."""
        if english:
            return tuple(e for t in self.lex.doc_types for e in t.english)
        return tuple(t.vi.lower() for t in self.lex.doc_types)

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
            return Resolution(rewrite_followup(question, asked, self.lex.provinces, type_words=self.lex.doc_type_names)
                              if asked else question)
        if not earlier and len(question.split()) > _SHORT_FOLLOWUP:
            return Resolution(question)  # a long question standing alone: its pronouns point inside it
        foci = [self.focus(q, f, a) for q, f, a in reversed(earlier)]
        out, last, groups = [], 0, 0
        for kind, s, e in refs:
            pronoun = kind == "organisation" and (kind_named(question[s:e]) or "").lower() in ("", "họ", "they", "them")
            # "họ" / "they" are people or a group, the body that issued a document an answer showed only when the
            # question is about issuing ("Họ còn ban hành văn bản nào khác?")
            issuing = bool(_ISSUING.search(fold_text(question)))
            if kind in ("first", "second"):
                # "the first one", "the latter": the documents the conversation spoke of, in the order it did
                docs = list(dict.fromkeys(f.document for f in reversed(foci) if f.document))
                at = 0 if kind == "first" else (-1 if "latter" in question[s:e].lower() else 1)
                value = docs[at] if len(docs) >= 2 or docs and kind == "first" and len(earlier) == 1 else None
                kind = "document"
            elif kind == "document":
                # the latest turn that speaks of a document decides: the document its answer showed, one its answer
                # quoted by title ("Đề án đó"), else one its question named or described by type ("that memorandum",
                # "văn bản đó" after "... có chỉ thị về ... phải không?"); an older turn's document comes after
                # "these agreements" after "How many agreements ...": the things counted, in their province (an
                # English question runs on past its noun: "the agreements did An Giang sign ..."); "những thỏa thuận
                # đó": what the question described of that kind, else the things counted
                plural = re.search(r"(?i)(?<!\w)(?:những|các)\s+$", question[last:s])
                these = bool(re.match(r"(?i)(?:these|those)\s", question[s:e]))
                counted, word = counted_reference(earlier, english), fold_text(kind_named(question[s:e]) or "")
                counted = counted if (plural or these) and counted and word and word in fold_text(counted) else None
                value, described = (counted, True) if these and counted else \
                    self._document(question[s:e], foci, earlier, english)
                if value is None and counted:
                    value, described = counted, True
                    s = last + plural.start() if plural else s
                elif value is None and (plural or these):
                    # "those agreements" when no document or count was spoken of: the things of that kind the
                    # conversation was about, in its province ("What fields did the agreements cover, in An Giang?")
                    value, described = _the_kind(question[s:e], english), True
                    s = last + plural.start() if plural else s
                groups += described  # a document described, not numbered: in the province it was asked of
            else:
                value = next((v for f in foci if (v := (f.organisation or (f.issuer if issuing else None)) if pronoun
                                                  else self._value(f, kind, question[s:e]))), None)
            if value is None and kind == "thing":  # "it", "nó": the latest document, then organisation, the group the
                # previous question was about ("Liên hiệp các tổ chức hữu nghị tỉnh Đồng Nai"), then place; asked
                # for a document's number or date ("Nó số mấy, ban hành ngày nào?"), a document the previous
                # question described comes before the body that made it
                described = _DOCUMENT_FACT.search(fold_text(question))
                value = next((v for f, (q, _, _) in zip(foci, reversed(earlier))
                              for v in (f.document, described and described_in(q, self._types(english)),
                                        f.organisation, group_named(q), f.place) if v), None)
            if kind == "organisation" and not pronoun:
                # "Liên hiệp này", "that association": the one of that kind an earlier question named, else an earlier
                # answer quoted ("Ban chỉ đạo đó"); a focus body of another kind is not it
                ref = question[s:e]
                word = fold_text(kind_named(ref) or "")

                def in_question(q: str) -> str | None:  # the whole name holding the kind word ("Liên hiệp các tổ
                    group = group_named(q)  # chức hữu nghị tỉnh Đồng Nai" for "tổ chức này"), else what follows it
                    if group and word and word in fold_text(group) and not re.search(r"\b(?:nao|gi|which|what)\b", fold_text(group)):
                        return group
                    return named_in(ref, q)  # ("tổ chức nào của Bỉ" asked which one: named none)

                named = next((t for q, _, _ in reversed(earlier) if (t := in_question(q))), None) or next(
                    (t for _, _, a in reversed(earlier) if (t := titled_in(ref, a, body=True))), None)
                of_kind = value is not None and fold_text(value).startswith(word)
                value = named or (value if of_kind or word in _ANY_BODY else None)
            if value is None and kind == "organisation" and fold_text(question[s:e]).startswith("chung"):
                value = counted_reference(earlier, english)  # "chúng" (things, never people): what was counted
                groups += value is not None  # in the province it was counted in
            if value is None and kind == "organisation":  # "họ", "they": the group the previous question named
                value = next((g for q, _, _ in reversed(earlier) if (g := group_named(q))), None)
                items = next((i for _, _, a in reversed(earlier) if len(i := listed(a)) >= 2), ())
                if value is None and items:  # "họ" after "những tỉnh nào của Campuchia?": the places listed
                    value = (" and " if english else " và ").join(items[:4])
                last_frame = earlier[-1][1] if earlier else None
                if value is None and foci and foci[0].place and last_frame is not None \
                        and last_frame.answer_type == AnswerType.PLACE:  # "they" after "Which province ...?": the one
                    value = foci[0].place  # the answer named
                if value is None and foci and len(foci[0].places) >= 2:  # "they" after "An Giang ... Champasak"
                    value = (" and " if english else " và ").join(foci[0].places[:2])
                if value is None and english:  # "How many of them ...": the things the previous question counted
                    value = counted_reference(earlier, english)
                groups += value is not None
            if value is None:
                return Resolution(question, question[s:e], kind if kind != "thing" else "document")
            out.append(question[last:s])
            out.append(self._phrase(kind, question[s:e], value, english))
            last = e
        out.append(question[last:])
        standalone = re.sub(r"\s+", " ", "".join(out)).strip()
        standalone = standalone[:1].upper() + standalone[1:]
        if groups:
            standalone = self._with_scope(standalone, earlier, english)
        return Resolution(standalone)

    def with_context(self, question: str, earlier, english: bool) -> tuple[str, str | None] | None:
        """The question with the latest earlier turn's scope added: the document its question named, else its
        province ("Giao cơ quan nào chủ trì?" after a question on Kế hoạch 3394/KH-UBND -> "..., theo Kế hoạch
        3394/KH-UBND?"). For a follow-up that names no reference word yet cannot be answered on its own; None
        when the earlier turn has no scope or the question names its own. With the question: the province, when
        the scope is one."""
        return self._scoped(question, earlier, english, documents=True)

    def _with_scope(self, standalone: str, earlier, english: bool) -> str:
        """A follow-up about a group an earlier question named keeps that question's province:
        "Trong 5 năm qua có bao nhiêu đoàn NGO đến Đồng Nai?" -> "Tổng giá trị cam kết tài trợ của họ là bao
        nhiêu?" asks about Đồng Nai's NGOs. A named document, person or body is its own scope."""
        scoped = self._scoped(standalone, earlier, english, documents=False)
        return scoped[0] if scoped else standalone

    def _scoped(self, question: str, earlier, english: bool, documents: bool) -> tuple[str, str | None] | None:
        """(the question with the latest earlier turn's document, when `documents`, else province appended, that
        province or None); None when the question names its own place or document, or that turn has neither."""
        if not earlier or find_codes(question) or self.lex.provinces.find(question, ignore_case=True) \
                or re.search(r"\b(?:[Tt]ỉnh|[Tt]hành phố|[Hh]uyện|[Pp]rovince of|[Cc]ity of)\s+[A-ZĐ]|\b[A-Z]\w+ [Pp]rovince\b", question):
            return None  # a question naming its own place, at home or abroad ("Tỉnh Champasak thuộc nước nào?"); a partner
            # country ("với tỉnh nào của Lào") leaves the province's scope
        _q, frame, _a = earlier[-1]
        if frame is None:
            return None
        core = question.rstrip(" ?.!…")
        mark = question[len(core):].strip() or "?"
        named = (frame.of(ConstraintKind.CODE) or frame.of(ConstraintKind.DOCUMENT)) if documents else ()
        if named:
            c = named[0]
            doc = self._phrase("document", c.text, c.text if len(c.text) >= len(c.value) else c.value, english)
            return f"{core}, {'under' if english else 'theo'} {doc}{mark}", None
        province = next((c.value for c in frame.of(ConstraintKind.PLACE) if self.lex.provinces.find(c.value)), None)
        return (f"{core}, {'in' if english else 'tại'} {province}{mark}", province) if province else None

    def _document(self, ref: str, foci: list[Focus], earlier, english: bool) -> tuple[str | None, bool]:
        """(the document a reference back stands for, whether it is one a question only described)."""
        kind = kind_named(ref)
        for f, (q, _, a) in zip(foci, reversed(earlier)):
            if v := self._of_type(f.document, ref):
                return v, False
            named = named_in(ref, q, self._types(english))
            # what the user's own question named of that kind ("quy chế ... riêng của tỉnh") before a title the
            # answer happened to quote ("Quy chế quản lý thống nhất các hoạt động đối ngoại")
            if kind and named:
                return named, True
            if not english and (v := titled_in(ref, a)):
                return v, False
            if named:
                return named, True
        return None, False

    def _of_type(self, document: str | None, written: str) -> str | None:
        """A focus document, unless the reference names another type: "chương trình đó" is no Quyết định."""
        if document and (named := kind_named(written)):
            vi = self.lex.doc_type_by_english.get(named.lower().rstrip("s"), self.lex.doc_type_by_english.get(named.lower(), named))
            types = sorted((fold_text(t) for t in self._types(False)), key=len, reverse=True)
            opening = next((t for t in types if fold_text(document).startswith(t + " ")), None)
            if opening is not None and fold_text(vi) in types and opening != fold_text(vi):
                return None
        return document

    def _value(self, focus: Focus, kind: str, written: str) -> str | None:
        """The focus of `kind`; for a place, one of the kind the reference names: "tỉnh này" a province (or a
        foreign locality), "nước này" / "this country" a country."""
        if kind != "place" or not focus.places:
            return focus.get(kind)
        folded = fold_text(written)
        wants = ("country" if re.search(r"\b(?:nuoc|quoc gia|country)\b", folded) else
                 "province" if re.search(r"\b(?:tinh|thanh pho|province|city)\b", folded) else None)
        if wants is None:
            return focus.place
        countries = {t.vi for t in self.lex.countries}
        return next((p for p in focus.places if (p in countries) == (wants == "country")), None)

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
        if kind == "thing" and re.search(r"(?i)\bthe (?:province|city|country|committee|government|union|association|"
                                         r"organi[sz]ation|department|agency)\b", before):
            return True  # "Did the province adopt its own regulation?": its is the province's
        if kind in ("thing", "organisation") and re.search(r"\b(?:[Aa]n?|[Ee]ach|[Ee]very|[Aa]ny)\s+[a-z-]{3,}\b", before):
            return True  # "What happens if a delegation returns late with its passport?": the delegation's
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
            return ("in " if english else "năm ") + value
        if kind == "organisation" and english and value[:1].isupper() and value.isascii() and " of " in value:
            return "the " + value  # "did the Union of Friendship Organizations manage ..."
        return value


def _the_kind(ref: str, english: bool) -> str:
    """A plural demonstrative as a definite plural: "those agreements" -> "the agreements", "thỏa thuận đó" ->
    "các thỏa thuận"."""
    if english:
        return re.sub(r"(?i)^(?:these|those)\s+", "the ", ref)
    return "các " + re.sub(r"(?i)\s+(?:đó|này|ấy|kia|nói trên|trên)$", "", ref)
