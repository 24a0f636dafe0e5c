"""Question analysis into a typed QuestionFrame (Vietnamese and English, no model).

The question is read once: filler is cut (greetings, self-introductions, "cho tôi hỏi"), then the answer type and
its unit come from the question words (prompts/answer_types.tsv), the constraints from the lexicon's tables (document
numbers, dates and years, provinces and countries, issuing bodies, roles, document types), the topic from what is
left. Retrieval, routing, composition and abstention all read the frame."""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from functools import cached_property

from core.lexicon import Lexicon
from core.types import ASK_FLAGS, AnswerType, Constraint, ConstraintKind, QuestionFrame, QuestionPart
from retriever.filler import strip_filler
from retriever.frame_cues import (_ask_at, _coordinated, _cue_text, _date_precision, _list_of, _of_documents,  # noqa: F401
                                   _asks_identity, _indefinite_at, _place_kind, _relation, _yesno_slot, split_options)
from retriever.frame_entities import acronyms_in, constraints_in, foreign_names_in, qualifiers_in
from retriever.frame_parts import split_parts
from retriever.frame_units import UnitReader
from vntext.codes import fold_text
from vntext.language import detect_language
from vntext.normalize import normalize
from vntext.shorthand import expand as expand_shorthand

log = logging.getLogger(__name__)

# what a named document says on one matter ("What does Plan X say about ...", "Kế hoạch X quy định gì về ...")
_ON_MATTER = re.compile(r"\b(?:say|says|said|provide|provides|state|states|set out|sets out)\s+(?:about|on|regarding|"
                        r"concerning)\s+\w+\s+\w+|\b(?:quy dinh|noi|de cap|neu|huong dan|de ra)\s+(?:nhung\s+)?(?:gi|dieu gi|"
                        r"noi dung gi)\s+(?:ve|doi voi)\s+\w+\s+\w+")


def _with_head(constraints: tuple[Constraint, ...], lex: Lexicon, lang: str) -> tuple[Constraint, ...]:
    """"Who heads the Department of Foreign Affairs?": the head's role of the first body named ("Giám đốc"), unless
    the question names a role itself."""
    if any(c.kind == ConstraintKind.ROLE for c in constraints):
        return constraints
    for c in constraints:
        if c.kind != ConstraintKind.ORGANISATION:
            continue
        role = next((r for body, r in lex.heads if fold_text(c.value).startswith(fold_text(body))), None)
        term = next((t for t in lex.roles if t.vi == role), None)
        if term is not None:
            # named as a refusal says it: "Giám đốc Sở Ngoại vụ", "the director of the Department of Foreign Affairs"
            text = f"the {term.english[0]} of the {c.text}" if lang == "en" and term.english else f"{term.vi} {c.text}"
            head = Constraint(ConstraintKind.ROLE, term.vi, text, c.start, c.start, term.spellings)
            return tuple(sorted((*constraints, head), key=lambda x: x.start))
    return constraints


_TRAILING_PLACE = re.compile(r",\s*(?:in|tại|ở)\s+([^,?]{2,40})$")


class FrameAnalyzer:
    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.units = UnitReader(lexicon)
        self._vi_ascii = frozenset(lexicon.words("vi_syllables_ascii.txt"))

    def language(self, text: str) -> str:
        return detect_language(text, self._vi_ascii, self.lex.en_stopwords)

    @cached_property
    def _type_words(self) -> tuple[str, ...]:
        """Every document type's names, Vietnamese (with and without diacritics) and English ("plan", "kế hoạch")."""
        names = self.lex.doc_type_names
        return tuple(sorted({w.lower() for w in names} | {fold_text(t.vi) for t in self.lex.doc_types}))

    def analyze(self, question: str, lang: str | None = None, compound: bool = True) -> QuestionFrame:
        """The question's frame; `lang` when it is known (a part of a longer question); `compound` reads a
        question asking several things into its parts."""
        text = " ".join(normalize(question).split())
        if (lang or self.language(text)) == "vi":
            text = expand_shorthand(text, self.lex.shorthand)  # "dc bao nhiu" -> "được bao nhiêu"
        text = self.lex.provinces.misspelt(text)  # "An Gaing" -> "An Giang"
        core, filler = strip_filler(text, self.lex)
        stem, options = split_options(core)
        lang = lang or self.language(core)
        cue_text = _cue_text(stem, lang)
        asks, about = self._answer_types(cue_text, lang)
        answer_type = asks[0]
        if answer_type == AnswerType.PERSON and _asks_identity(core, lang):
            answer_type = AnswerType.OFFICE
        if answer_type == AnswerType.DESCRIPTION and lang == "vi" and re.search(r"(?i)\s(?:à|hả|chứ)\s*\?\s*$", text):
            answer_type = AnswerType.YESNO  # "Đồng Nai có 31 khu công nghiệp đang hoạt động à?" checks a claim
        constraints = _of_documents(stem, tuple(constraints_in(stem, lang, self.lex)), self._type_words)
        # "who heads ..." asks for a person: "Người đứng đầu cơ quan có trách nhiệm gì?" asks what, of no one named
        flags = self._flags(cue_text, lang)
        head = answer_type == AnswerType.PERSON and "head" in flags
        if head:
            constraints = _with_head(constraints, self.lex, lang)
        doc_types, wants_documents = self._document_request(stem, cue_text, lang)
        doc_type = doc_types[0] if doc_types else None
        names_document = any(c.kind == ConstraintKind.CODE for c in constraints)
        list_of = _list_of(cue_text) if answer_type == AnswerType.LIST else None
        if answer_type == AnswerType.QUANTITY and (wants_documents or doc_types) and re.search(
                r"\bnumber of\b|\bso (?:may|bao nhieu)\b", cue_text):
            # "what is the number of the plan", "nghị quyết ... là số mấy": its number, no count
            answer_type = AnswerType.DOCUMENTS
        elif wants_documents and not list_of and answer_type in (
                AnswerType.DESCRIPTION, AnswerType.LIST, AnswerType.ORGANISATION, AnswerType.PLACE,
                AnswerType.PERSON, AnswerType.DOCUMENT_CONTENT, AnswerType.YESNO):
            answer_type = AnswerType.DOCUMENTS
        elif wants_documents and answer_type == AnswerType.DATE:
            # "ban hành kế hoạch nào ..., vào ngày nào?": which document, and its date (on its card)
            answer_type, asks = AnswerType.DOCUMENTS, [AnswerType.DOCUMENTS, *asks]
        # a named document's relations ("nhằm thực hiện chỉ thị nào") and the places citing it are on its card;
        # a card holds no figures: a quantity asked of a named document is in its text
        # who holds an office ("Who was the Party Secretary when plan X was issued?") is no document's issuer
        holder = answer_type == AnswerType.PERSON and any(c.kind == ConstraintKind.ROLE for c in constraints)
        # what a named document says on one matter ("What does Plan X say about cultural diplomacy?", "Kế hoạch X
        # quy định gì về công tác lãnh sự?") is in its text, not on its card
        on_matter = answer_type == AnswerType.DOCUMENT_CONTENT and bool(_ON_MATTER.search(cue_text))
        about = (about and answer_type not in (AnswerType.QUANTITY, AnswerType.REASON) and not holder and not on_matter) or (names_document and (wants_documents or list_of == "province"))
        described = self._described(cue_text, lang) if about and not names_document and not wants_documents else None
        if doc_type is None:
            doc_type = next((c.value for c in constraints if c.kind == ConstraintKind.DOC_TYPE), None)
        unit, spellings = self.units.read(stem, cue_text, lang) if answer_type == AnswerType.QUANTITY else \
            self.units.claimed(stem, lang) if answer_type == AnswerType.YESNO else (None, ())
        if answer_type in (AnswerType.QUANTITY, AnswerType.DATE) and not options:
            # the kind of figure ("bao nhiêu vốn ODA"), or the body an event is dated by ("thỏa thuận với ADB ký năm nào")
            constraints = constraints + tuple(qualifiers_in(stem, self.lex, constraints, answer_type == AnswerType.DATE))
        # a yes/no question's indefinite ("với một tổ chức của Bỉ"): which one is asked too
        slot = _yesno_slot(cue_text, lang) if answer_type == AnswerType.YESNO else None
        frame = QuestionFrame(
            question=text, core=core, lang=lang, answer_type=answer_type, unit=unit, unit_spellings=spellings,
            list_of=list_of or (_place_kind(cue_text) if answer_type == AnswerType.PLACE else None), constraints=constraints,
            topic=self._topic(core, lang, constraints),
            expansions=tuple(self.lex.glossary.expand(core)) if lang == "en" else (),
            doc_type=doc_type, doc_types=doc_types or ((doc_type,) if doc_type else ()),
            about_document=names_document and about, described_document=described, filler=filler, options=options,
            ask_at=_indefinite_at(stem) if slot else _ask_at(stem, lang),
            also=tuple(asks[1:]) if re.search(r"\b(?:va|and)\b", cue_text) or asks[1:2] == [AnswerType.DATE] else
            (slot,) if slot and not unit else (),
            effect="effect" in flags, author="author" in flags, published="published" in flags,
            signer="signer" in flags, head=head and answer_type == AnswerType.PERSON,
            own_documents="own_documents" in flags,
            date_precision=_date_precision(cue_text) if answer_type == AnswerType.DATE else None,
            relation=self._relation(stem, lang, answer_type, spellings, options),
            acronyms=acronyms_in(stem, self.lex, tuple((c.start, c.end) for c in constraints if c.kind == ConstraintKind.CODE))
            + foreign_names_in(stem, self.lex, tuple((c.start, c.end) for c in constraints)),
            asking=self.units.asking(stem, lang, unit) if answer_type == AnswerType.QUANTITY else
            _yesno_particle(stem) if answer_type == AnswerType.YESNO else (),
            parts=self._parts(stem, lang, names_document and about) if compound and not options else ())
        log.debug("frame %s", frame.to_json())
        return frame

    # ---- parts
    def _parts(self, stem: str, lang: str, about_document: bool) -> tuple[QuestionPart, ...]:
        """A compound question's parts; none when a named document's card answers every one of them ("ban hành
        ngày nào, về nội dung gì")."""
        parts = split_parts(stem, lang)
        own = (ConstraintKind.PLACE, ConstraintKind.CODE, ConstraintKind.ORGANISATION, ConstraintKind.DOCUMENT)
        named = (ConstraintKind.CODE, ConstraintKind.DOCUMENT)
        scope = next((c.text for c in constraints_in(stem, lang, self.lex) if c.kind in named), None)
        mark = "?" if stem.rstrip().endswith("?") else ""
        # a place closing the whole question (", in Đồng Nai?", ", tại Đồng Nai?", as a follow-up is scoped) is
        # every part's
        tail = _TRAILING_PLACE.search(stem.rstrip(" ?"))
        where = tail.group() if tail and [c.kind for c in constraints_in(tail.group(1), lang, self.lex)] == [
            ConstraintKind.PLACE] else ""

        def alone(p: QuestionPart) -> QuestionPart:
            """A part that names its own subject ("..., and how many delegations did Lạng Sơn send?") is read
            alone; within the document the question named, when it names none ("Theo Kế hoạch 47/KH-UBND ..., và
            thỏa thuận với phía Lào là với địa phương nào?")."""
            if where:  # the closing place is no part's own: each reads its own words, then the place
                label = p.label[: -len(where)] if p.label.endswith(where) else p.label
                question = p.question.rstrip(" ?")
                question = question[: -len(where)] if question.endswith(where) else question
                p = QuestionPart(label, question + where + mark)
            found = self.analyze(p.label, lang, compound=False).constraints
            if not any(c.kind in own for c in found):
                return p
            if scope and not any(c.kind in named for c in found):
                return replace(p, question=f"{'Under' if lang == 'en' else 'Theo'} {scope}, {p.label}{mark}")
            return replace(p, question=p.label + mark)

        parts = tuple(alone(p) for p in parts)
        if parts and about_document and all(self.analyze(p.question, lang, compound=False).about_document for p in parts):
            return ()
        return parts

    def _relation(self, stem: str, lang: str, answer_type: AnswerType, spellings: tuple[str, ...],
                  options: tuple[str, ...]) -> tuple[str, ...]:
        """What the one asked for did ("cơ quan nào chủ trì"), or what was done with an amount asked ("đã giải ngân
        được bao nhiêu"): folded syllables the answering sentence must hold. None for a multiple-choice question,
        whose options name the candidates (what they did is in the stem's law)."""
        if options:
            return ()
        if answer_type in (AnswerType.PERSON, AnswerType.ORGANISATION):
            return _relation(stem, lang)
        if answer_type == AnswerType.QUANTITY and "đồng" in spellings:
            return self.units.money_act(stem, lang)
        return ()

    def _described(self, cue_text: str, lang: str) -> str | None:
        """The type of a document the question asks about as a document without its number ("Chỉ thị về tăng cường
        công tác đối ngoại ra ngày nào?" -> "Chỉ thị"); not one it only takes as its scope ("Theo kế hoạch ...")."""
        names = self.lex.doc_type_by_folded if lang == "vi" else self.lex.doc_type_by_english
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        for m in re.finditer(rf"\b({alt})\b", cue_text):
            if not re.search(r"\b(?:theo|under|according to|in|of)\s*(?:the\s+)?$", cue_text[:m.start()]):
                return names[m.group(1)]
        return None

    def _flags(self, cue_text: str, lang: str) -> frozenset[str]:
        """What the question asks of a document or article (ASK_FLAGS) whose cues its words meet."""
        return frozenset(p.kind for p in self.lex.answer_cues
                         if p.kind in ASK_FLAGS and p.lang == lang and p.regex.search(cue_text))

    def _answer_types(self, cue_text: str, lang: str) -> tuple[list[AnswerType], bool]:
        """Everything the question asks, the first (in the file's order of precedence) the main ask."""
        found: list[AnswerType] = []
        opening: list[AnswerType] = []  # asked by the words the question opens with
        about = False
        for p in self.lex.answer_cues:
            if p.lang != lang:
                continue
            if p.kind in ASK_FLAGS:
                continue
            if p.kind == "about_document":
                about = about or bool(p.regex.search(cue_text))
            elif AnswerType(p.kind) not in found and (m := p.regex.search(cue_text)):
                found.append(AnswerType(p.kind))
                if m.start() == 0:
                    opening.append(AnswerType(p.kind))
        if lang == "en" and opening:
            # an English question asks first what it opens with: "Who was the Party Secretary when plan X was
            # issued?" asks for a person, the date only places it
            found = opening + [t for t in found if t not in opening]
        return found or [AnswerType.DESCRIPTION], about

    def _document_request(self, core: str, cue_text: str, lang: str) -> tuple[tuple[str, ...], bool]:
        """(types asked for, does the question ask which documents ...): "Chỉ thị nào ...", "which directives ...";
        types written together are all asked for ("những nghị quyết, chỉ thị nào", "which resolutions or
        directives"), the one the question word follows first."""
        if lang == "vi":
            types = sorted(self.lex.doc_type_by_folded, key=len, reverse=True)
            alt = "|".join(re.escape(t) for t in [*types, "van ban quy pham phap luat", "van ban phap luat", "van ban",
                                                   "tai lieu", "van kien"])
            for rx in (rf"\b({alt})(?: (?:lien quan|chi dao|huong dan|quy pham phap luat))? (?:nao|gi)\b",
                       rf"\b({alt}) (?:so|so hieu) (?:may|bao nhieu|nao|gi|la gi|la bao nhieu)\b",  # "quyết định số mấy"
                       # "Kế hoạch đối ngoại năm 2018 của Kon Tum có số hiệu là gì?", "Nghị quyết ... năm 2013 là số
                       # mấy?": its number, asked after a description
                       rf"\b({alt})\b(?: [a-z0-9-]+){{0,14}} (?:co |mang |la )?(?:so hieu|ky hieu|so van ban|so) (?:la )?(?:gi|nao|bao nhieu|may)\b",
                       rf"\bnhung ({alt})\b", rf"\b(?:liet ke|ke ten|ke ra|neu ten|cho biet cac)\b.*?\b({alt})\b",
                       # "Tỉnh ủy có quy chế riêng về ... không?": whether such a document exists is which one
                       rf"\bco (?:ban hanh )?(?:mot )?({alt})\b(?: [a-z0-9-]+){{0,14}} (?:khong|chua|hay khong)(?: \?)?$"):
                m = re.search(rx, cue_text)
                if m:
                    return _coordinated(cue_text, m.span(1), alt, self.lex.doc_type_by_folded.get), True
            # "Bộ Chính trị còn ban hành những gì?": what a body issued is documents
            return (), bool(re.search(r"\b(?:ban hanh|ky ban hanh) (?:nhung )?(?:gi|gi khac|nhung gi)\b", cue_text))
        names = sorted(self.lex.doc_type_by_english, key=len, reverse=True)
        generic = ["documents", "document", "legal documents", "legal texts", "texts", "legislation"]
        alt = "|".join(re.escape(n) for n in [*(f"{n}s" for n in names), *names, *generic])
        skip = r"(?!(?:is|are|was|were|do|does|did|has|have|the|this|that|a|an|it)\b)"
        # "which body issued Directive 26/CT-TTg": the question word asks for a body, date or place, not documents
        other = (r"(?:body|bodies|organi[sz]ations?|agency|agencies|ministry|authority|committee|department|person|"
                 r"official|leader|province|country|place|date|day|month|year|time)")
        # "What is the number of Kon Tum's 2018 action plan?": a document's number (one document, not a count of them)
        singular = "|".join(re.escape(n) for n in [*names, "document"])
        for rx in (rf"\b(?:what|which) (?:is|was) the (?:official |document |reference )?number of (?:[\w'-]+ ){{0,6}}?({singular})\b(?!s)",
                   rf"\b(?:which|what)(?! {other}\b)(?: of the| kind of| type of)?(?: {skip}[\w-]+){{0,3}}? ({alt})\b",
                   rf"\b(?:list|name|enumerate|identify)(?: [\w-]+){{0,4}}? ({alt})\b",
                   rf"\b(?:are|is) there (?:any )?(?:[\w-]+ ){{0,2}}?({alt})\b",
                   rf"\b({alt}) (?:that|which) (?:govern|regulate|cover|concern|deal|address|guide|set)"):
            m = re.search(rx, cue_text)
            if m:
                return _coordinated(cue_text, m.span(1), alt, lambda w: self.lex.doc_type_by_english.get(w)
                                    or self.lex.doc_type_by_english.get(w[:-1])), True
        # "What else did the Politburo issue?"
        return (), bool(re.search(r"\b(?:what|which)(?: else| other)? (?:did|does|has|have) [\w' -]{1,60}? "
                                  r"(?:issue|promulgate|sign|adopt)\b", cue_text))

    def _topic(self, core: str, lang: str, constraints: tuple[Constraint, ...]) -> tuple[str, ...]:
        """Content words: not stopwords, not question words; constraints stay (they are part of the topic)."""
        stop = self.lex.vi_stopwords if lang == "vi" else self.lex.en_stopwords
        words = [w for w in re.findall(r"[\w%²-]+", core.lower()) if w not in stop and len(w) > 1 or w.isdigit()]
        return tuple(dict.fromkeys(words))


_PARTICLE = re.compile(r"(?i)\b(không|chưa|khong|chua|ko|hông|hong)(?:\s+(?:vậy|vay|nhỉ|nhi|ạ|a|nhé|nhe|hả|ha))*\s*[?.!…]*\s*$")


def _yesno_particle(stem: str) -> tuple[str, ...]:
    """The particle that closes a yes/no question ("có giáp ... không?", "đã ký ... chưa?"), folded: it asks, the
    passages do not write it."""
    m = _PARTICLE.search(stem)
    return (fold_text(m.group(1)).lower(),) if m else ()
