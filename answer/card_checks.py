"""What a question names that a document card contradicts or does not state: another issuer, type, date, year or
place (`mismatch`), or the asked fact the card lacks (`lacks`); the constraints that describe the documents a
question names rather than the ones it asks for (`without_named`, `without_described`)."""
from __future__ import annotations

import re
from dataclasses import replace

from core.lexicon import Lexicon
from core.types import AnswerType, Constraint, ConstraintKind, QuestionFrame
from regulations.index import RegulationCard
from vntext.codes import fold_text

_SCOPE_MARK = re.compile(r"(?i)(?:theo|under|according to|pursuant to|in line with)\s+(?:the\s+)?$")


def _scope_only(frame: QuestionFrame) -> bool:
    """Whether every document the question names is named as the frame it is asked under ("…, theo Kế hoạch
    3394/KH-UBND?", "under 27-CTr/TU"), not as what it asks about."""
    codes = frame.of(ConstraintKind.CODE)
    return bool(codes) and all(_SCOPE_MARK.search(frame.core[max(0, c.start - 20):c.start]) for c in codes)


def mismatch(card: RegulationCard, frame: QuestionFrame, lex: Lexicon) -> str:
    """What the frame names that the card contradicts ("" when nothing): another issuer, type, date or year."""
    named_end = max((c.end for c in frame.of(ConstraintKind.CODE)), default=-1)
    checked = []
    for c in frame.of(ConstraintKind.ORGANISATION):
        # "… theo nghị quyết nào của Trung ương", "Để cụ thể hóa Chương trình 27-CTr/TU, UBND tỉnh đã ra kế hoạch
        # nào?": a body after the named document, not written with it, issued the documents asked for
        if frame.answer_type == AnswerType.DOCUMENTS and frame.about_document and (
                frame.describes_answer(c) or not c.of_document and c.start > named_end >= 0):
            continue
        if not c.of_document and _scope_only(frame):
            continue  # "the People's Committee's plan ..., under 27-CTr/TU": a body of the plan asked for
        checked.append(c)
    # "nghị quyết của Trung ương và Chính phủ": issued by either body is one of them
    if checked and card.issuers and not any(issued_by(card, c) for c in checked):
        return checked[0].text
    for c in frame.of(ConstraintKind.DOC_TYPE):
        allowed = {card.type, lex.issued_with.get(c.value)} | {t for t, w in lex.issued_with.items()
                                                                    if w == card.type}
        if card.type and c.value not in allowed:
            return c.text
    for c in frame.of(ConstraintKind.DATE):
        if card.dates and c.value not in card.dates:
            return c.text
    for c in frame.of(ConstraintKind.YEAR):
        # a year may date the document, or be part of its number or its subject ("giai đoạn 2018-2021")
        named = " ".join((card.code or "", card.name or "", *card.subjects))
        if card.dates and not any(d.startswith(c.value) for d in card.dates) and c.value not in named:
            return c.text
    for c in frame.of(ConstraintKind.PLACE):
        cited = {x.locality for x in card.citations}
        if c.value not in cited and not any(fold_text(sp) in fold_text(x.quote) for sp in c.spellings
                                            for x in card.citations) and None not in cited:
            return c.text
    return ""


def without_named(frame: QuestionFrame) -> QuestionFrame:
    """The frame without what describes the documents it names (their numbers, the type written with a number,
    the body and place written with it): what is left describes the documents asked for."""
    codes = [c for c in frame.of(ConstraintKind.CODE)]

    def describes_named(c: Constraint) -> bool:
        return c.kind == ConstraintKind.CODE or c.of_document or any(
            k.start <= c.start < k.end for k in codes if c.kind == ConstraintKind.DOC_TYPE)

    return replace(frame, constraints=tuple(c for c in frame.constraints if not describes_named(c)))


def lacks(card: RegulationCard, frame: QuestionFrame) -> str:
    """What the frame asks of a named document that its card does not state ("" when the card states it)."""
    asked = {AnswerType.DATE: ("date", card.dates), AnswerType.ORGANISATION: ("issuer", card.issuers),
             AnswerType.PERSON: ("issuer", card.issuers), AnswerType.DOCUMENT_CONTENT: ("subject", card.subjects)}
    if frame.signer:  # a card names the issuing body; who signed is in the document's own text or nowhere
        asked[AnswerType.PERSON] = asked[AnswerType.ORGANISATION] = ("signer", ())
    what, have = asked.get(frame.answer_type, ("", True))
    return what if not have else ""


def issued_by(card: RegulationCard, c: Constraint) -> bool:
    """Whether the card's issuer is the body a constraint names; "Trung ương" issues the central Party documents
    (numbers ending in /TW)."""
    if fold_text(c.value) == "trung uong" and (card.code or "").upper().endswith("/TW"):
        return True
    return any(fold_text(sp) in fold_text(" ".join(card.issuers)) or fold_text(i) in fold_text(sp)
               for sp in c.spellings for i in card.issuers)


def without_described(frame: QuestionFrame, lex: Lexicon) -> QuestionFrame | None:
    """"Which Politburo decision does Kon Tum's 2018 plan refer to?", "Kế hoạch 2018 của Kon Tum nhắc đến quyết
    định nào của Bộ Chính trị?": the year and place describe the plan that cites the documents asked for, another
    type of document the question describes. The frame without its years, dates and places when the question
    names such a type; None when it names none."""
    asked = {fold_text(t) for t in frame.doc_types}
    words = fold_text(frame.core)
    if frame.lang == "vi":
        types = {fold_text(k): fold_text(v) for k, v in lex.doc_type_by_folded.items()}
    else:
        types = {k.lower(): fold_text(v) for k, v in lex.doc_type_by_english.items()}
    other = any(v not in asked and re.search(rf"\b{re.escape(k)}s?\b", words) for k, v in types.items())
    if not other:
        return None
    loose = (ConstraintKind.YEAR, ConstraintKind.DATE, ConstraintKind.PLACE)
    return replace(frame, constraints=tuple(c for c in frame.constraints if c.kind not in loose))
