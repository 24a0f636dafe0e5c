"""A document's card as an answer: the line that describes it, the citing passages it quotes, and the direct
answer a card gives to a question about the document as a document (when it was issued, by whom, what about,
what it implements). Every direct answer is a span of a cited passage, as written there."""
from __future__ import annotations

from dataclasses import dataclass

from answer.frames import Frames
from core.types import AnswerType, Citation, QuestionFrame, ShortAnswer
from regulations.index import CardCitation, RegulationCard
from regulations.service import RegulationService
from vntext.codes import find_codes, fold_text
from vntext.dates import date_spans


def card_reference(card: RegulationCard) -> dict:
    """The `references` entry of the JSON contract."""
    return {"code": card.code, "name": card.name, "type": card.type, "type_en": card.type_en,
            "issuers": list(card.issuers), "issuers_en": list(card.issuer_en), "dates": list(card.dates),
            "term": card.term, "subjects": list(card.subjects), "flags": list(card.flags),
            "cited_by": sorted({c.locality or c.source for c in card.citations})}


@dataclass(frozen=True)
class CardSpan:
    """Where a card's answer to the question is written: a span of one of its citing passages."""

    citation: CardCitation
    start: int  # offsets in the citing document
    end: int


def _in_quote(cc: CardCitation, needle: str) -> tuple[int, int] | None:
    at = fold_text(cc.quote).find(fold_text(needle))
    return (cc.start + at, cc.start + at + len(needle)) if at >= 0 and needle else None


def card_span(card: RegulationCard, frame: QuestionFrame, issuer_spellings: tuple[str, ...] = ()) -> CardSpan | None:
    """The span of a citing passage that answers what the frame asks of the card's document, or None.
    `issuer_spellings`: the ways a passage may write the card's first issuer ("BTV Tỉnh ủy")."""
    kind = frame.answer_type
    for cc in card.citations:
        at = None
        if kind == AnswerType.DATE and card.dates:
            # the card's date as written, after the mention when it is there ("... 3394/KH-UBND ngày 04/12/2018"),
            # else before it ("ngày 04/12/2018, UBND tỉnh đã ban hành Kế hoạch ... 3394/KH-UBND")
            mention = cc.quote.find(cc.written)
            own = [d for d in date_spans(cc.quote) if d.iso in card.dates]
            d = next((d for d in own if mention < 0 or d.start >= mention), own[0] if own else None)
            if d is not None:
                at = (cc.start + d.start, cc.start + d.end)
        elif kind in (AnswerType.ORGANISATION, AnswerType.PERSON) and card.issuers:
            at = next(filter(None, (_in_quote(cc, sp) for sp in (card.issuers[0], *issuer_spellings))), None)
        elif kind == AnswerType.DOCUMENT_CONTENT and card.subjects:
            at = _in_quote(cc, card.subjects[0])
        elif kind == AnswerType.DOCUMENTS and card.relations:
            target = card.relations[0].to_code.split("@")[0]
            for cm in find_codes(cc.quote):
                if cm.code == target:
                    at = (cc.start + cm.mention_start, cc.start + cm.end)
                    break
        if at:
            return CardSpan(cc, *at)
    return None


def code_span(card: RegulationCard) -> CardSpan | None:
    """Where the card's number is written in its first citing passage (the direct answer to "which document")."""
    for cc in card.citations:
        at = cc.quote.find(cc.written) if cc.written else -1
        if at >= 0:
            return CardSpan(cc, cc.start + at, cc.start + at + len(cc.written))
    return None


def card_line(card: RegulationCard, lang: str, frames: Frames, marks: str, all_places: bool,
              regulations: RegulationService) -> str:
    """"- **38-CT/TW** — Chỉ thị — Bộ Chính trị — 28/9/1994: về ... [1]" with, for a named document, where it is
    cited (document titles), its relations and any disagreement between sources, in the page's language."""
    en = lang == "en"
    kind = (card.type_en if en else card.type) or ""
    issuer = ", ".join((card.issuer_en if en and card.issuer_en else card.issuers))
    dates = ", ".join(regulations.wording.date(d, lang) for d in card.dates)
    head = " — ".join(x for x in (f"**{card.code or card.name}**", kind, issuer, dates) if x)
    if card.term:
        head += f" ({frames.get(lang, 'term')} {card.term})"
    parts = [head + (f": {card.subjects[0]}" if card.subjects else "") + f" {marks}".rstrip()]
    if all_places:
        places = sorted({c.locality or regulations.source_title(c.source) for c in card.citations})
        parts.append(frames.get(lang, "cited_in") + ", ".join(places))
    for rel in card.relations:
        parts.append(regulations.relation_text(rel, lang))
    for flag in card.flags:
        parts.append(f"⚠ {regulations.flag_text(flag, lang)}")
    return "- " + "\n  ".join(parts)


def direct_line(text: str, n: int) -> str:
    return f"**{text}** [{n}]"


def short_from(span: CardSpan, n: int, quote_start: int, quote: str) -> ShortAnswer | None:
    """The card span as the contract's short answer, when citation n's quote holds it."""
    if quote_start <= span.start and span.end <= quote_start + len(quote):
        return ShortAnswer(quote[span.start - quote_start: span.end - quote_start], n, span.start, span.end)
    return None


def citation_of(n: int, cc: CardCitation, title: str, max_quote: int, keep: tuple[int, int] | None = None) -> Citation:
    """A card's citing sentence as citation n, cut to max_quote around the mention (or `keep`) at spaces."""
    start, end = cc.start, cc.end
    if end - start > max_quote:
        at = (keep[0] - cc.start) if keep else max(0, cc.quote.find(cc.written)) if cc.written else 0
        lo = max(0, min(at - max_quote // 3, len(cc.quote) - max_quote))
        lo = cc.quote.find(" ", lo) + 1 if lo > 0 else 0
        if keep and cc.start + lo > keep[0]:
            lo = keep[0] - cc.start
        hi = cc.quote.rfind(" ", lo, lo + max_quote)
        hi = hi if hi > lo and (not keep or cc.start + hi >= keep[1]) else min(len(cc.quote), lo + max_quote)
        start, end = cc.start + lo, cc.start + hi
    quote = cc.quote[start - cc.start: end - cc.start]
    return Citation(n, cc.source, title, quote, start, end, cc.doc_id, cc.locality)
