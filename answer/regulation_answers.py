"""Answers from the regulation index: a document's card when the question names its code, a ranked list of
documents when the question asks which documents apply. Returns None to let the extractive composer answer."""
from __future__ import annotations

import re

from answer.frames import Frames
from vntext.analyzer import Analyzer
from core.types import Answer, Citation
from vntext.codes import fold_text
from regulations.index import CardCitation, RegulationCard, RegulationIndex
from regulations.service import RegulationService
from retriever.hybrid import Retrieval
from vntext.dates import dates_in

MAX_QUOTE = 350
MAX_DOCS = 5
_MONTH = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _show_date(iso: str, lang: str) -> str:
    m = _MONTH.match(iso)
    if not m or lang == "en":
        return iso
    return f"{int(m.group(3))}/{int(m.group(2))}/{m.group(1)}"


def card_reference(card: RegulationCard) -> dict:
    """The `references` entry of the JSON contract."""
    return {"code": card.code, "name": card.name, "type": card.type, "type_en": card.type_en,
            "issuers": list(card.issuers), "issuers_en": list(card.issuer_en), "dates": list(card.dates),
            "term": card.term, "subjects": list(card.subjects), "flags": list(card.flags),
            "cited_by": sorted({c.locality or c.source for c in card.citations})}


class RegulationAnswerer:
    def __init__(self, regulations: RegulationService, analyzer: Analyzer, frames: Frames):
        self.regulations, self.analyzer, self.frames = regulations, analyzer, frames
        self._tokens: dict[str, frozenset[str]] = {}  # subject/quote -> its tokens (a text's tokens never change)

    def index(self) -> RegulationIndex:
        return self.regulations.index()

    def invalidate(self) -> None:
        self.regulations.invalidate()

    # ---- use cases
    def answer(self, retrieval: Retrieval, lang: str) -> Answer | None:
        index = self.index()
        named = [c for c in (index.get(k) for k in self._codes(retrieval)) if c is not None]
        if named:
            return self._cards_answer(named[:2], retrieval, lang)
        if retrieval.analysis.wants_documents:
            return self._list_answer(index, retrieval, lang)
        return None

    def references_for(self, text: str) -> list[dict]:
        index = self.index()
        cards = {c.key: c for c in (index.get(k) for k in self._codes_in(text)) if c is not None}
        return [card_reference(c) for c in cards.values()]

    # ---- helpers
    def _codes(self, retrieval: Retrieval) -> list[str]:
        return self._codes_in(retrieval.question)

    @staticmethod
    def _codes_in(text: str) -> list[str]:
        from vntext.codes import find_codes

        return list(dict.fromkeys(m.code for m in find_codes(text) if not m.shorthand))

    def _weights(self, retrieval: Retrieval) -> dict[str, float]:
        idf = {}
        for t in retrieval.query_terms:
            if not t.startswith(("code:", "num:")):
                idf[t] = 1.0 + (0.5 if "_" in t else 0.0)
        return idf

    def _topic_score(self, card: RegulationCard, weights: dict[str, float], hit_spans: dict[str, list[tuple[int, int]]]) -> float:
        total = sum(weights.values()) or 1.0
        def share(text: str) -> float:
            toks = self._tokens.get(text)
            if toks is None:  # every card is scored for every "which documents" question: tokenize each text once
                toks = self._tokens[text] = frozenset(self.analyzer.passage(text))
            return sum(w for k, w in weights.items() if k in toks) / total

        # A document's own subject phrase speaks for it; a citing sentence may be about several documents at once.
        best = max([share(s) for s in card.subjects] + [0.5 * share(c.quote) for c in card.citations], default=0.0)
        retrieved = any(a <= c.start < b for c in card.citations for a, b in hit_spans.get(c.doc_id, []))
        return best + (0.15 if retrieved else 0.0)

    def _list_answer(self, index: RegulationIndex, retrieval: Retrieval, lang: str) -> Answer | None:
        qa = retrieval.analysis
        want = fold_text(qa.doc_type or "")
        cards = [c for c in index.all() if c.code and fold_text(c.type or "").startswith(want)]  # a type and its kinds
        issuers = _issuers_named(retrieval.question + " " + " ".join(qa.expansions))
        wanted_dates = set(dates_in(retrieval.question))
        places = _places_named(retrieval.question, {c.locality for card in cards for c in card.citations if c.locality})
        spans: dict[str, list[tuple[int, int]]] = {}
        for h in retrieval.hits:
            spans.setdefault(h.chunk.doc_id, []).append((h.chunk.start, h.chunk.end))
        weights = self._weights(retrieval)
        scored = []
        for c in cards:
            s = self._topic_score(c, weights, spans)
            s += 1.0 if wanted_dates & set(c.dates) else 0.0  # the question gives the issuing date
            s += 0.3 if issuers and any(i in " ".join(c.issuers + c.issuer_en) for i in issuers) else 0.0
            s += 0.3 if places and places & {x.locality for x in c.citations} else 0.0
            scored.append((s, c))
        scored.sort(key=lambda p: (-p[0], p[1].key))
        if not scored or scored[0][0] < 0.2:
            return None
        top = [c for s, c in scored if s >= 0.6 * scored[0][0]][:MAX_DOCS]
        return self._render(top, retrieval, lang, self.frames.get(lang, "documents_lead"))

    def _cards_answer(self, cards: list[RegulationCard], retrieval: Retrieval, lang: str) -> Answer:
        return self._render(cards, retrieval, lang, None, all_places=True)

    def _render(self, cards: list[RegulationCard], retrieval: Retrieval, lang: str, lead: str | None,
                all_places: bool = False) -> Answer:
        citations: list[Citation] = []
        lines = [lead, ""] if lead else []
        weights = self._weights(retrieval)
        for card in cards:
            chosen = self._pick_citations(card, weights, per_place=all_places)
            marks = []
            for cc in chosen:
                citations.append(self._citation(len(citations) + 1, cc))
                marks.append(f"[{len(citations)}]")
            lines.append(self._card_line(card, lang, " ".join(marks), all_places))
        refs = [card_reference(c) for c in cards]
        return Answer(retrieval.question, "\n".join(lines).strip(), False, citations, retrieval.hits, refs, mode="extractive")

    def _pick_citations(self, card: RegulationCard, weights: dict[str, float], per_place: bool) -> list[CardCitation]:
        def score(c: CardCitation) -> float:
            toks = set(self.analyzer.passage(c.quote))
            return sum(w for k, w in weights.items() if k in toks) + (0.5 if card.code and card.code in c.quote else 0)

        ranked = sorted(card.citations, key=lambda c: (-score(c), c.source, c.start))
        if not per_place:
            return ranked[:1]
        seen, out = set(), []
        for c in ranked:
            place = c.locality or c.source
            if place not in seen:
                seen.add(place)
                out.append(c)
        return out[:4]

    def _card_line(self, card: RegulationCard, lang: str, marks: str, all_places: bool) -> str:
        en = lang == "en"
        kind = (card.type_en if en else card.type) or ""
        issuer = ", ".join((card.issuer_en if en and card.issuer_en else card.issuers))
        dates = ", ".join(_show_date(d, lang) for d in card.dates)
        head = " — ".join(x for x in (f"**{card.code or card.name}**", kind, issuer, dates) if x)
        if card.term:
            head += f" ({'term' if en else 'khóa'} {card.term})"
        parts = [head + (f": {card.subjects[0]}" if card.subjects else "") + f" {marks}".rstrip()]
        if all_places:
            places = sorted({c.locality or self.regulations.source_title(c.source) for c in card.citations})
            parts.append(("Cited in: " if en else "Được nhắc đến tại: ") + ", ".join(places))
        for rel in card.relations:
            parts.append(self.regulations.relation_text(rel, lang))
        for flag in card.flags:
            parts.append(f"⚠ {self.regulations.flag_text(flag, lang)}")
        return "- " + "\n  ".join(parts)

    def _citation(self, n: int, cc: CardCitation) -> Citation:
        start, end = cc.start, cc.end
        if end - start > MAX_QUOTE:
            at = cc.quote.find(cc.written) if cc.written else 0
            lo = max(0, min(at - MAX_QUOTE // 3, len(cc.quote) - MAX_QUOTE))
            lo = cc.quote.find(" ", lo) + 1 if lo > 0 else 0
            hi = cc.quote.rfind(" ", lo, lo + MAX_QUOTE)
            hi = hi if hi > lo else lo + MAX_QUOTE
            start, end = cc.start + lo, cc.start + hi
        quote = cc.quote[start - cc.start : end - cc.start]
        return Citation(n, cc.source, self.regulations.title(cc.doc_id), quote, start, end, cc.doc_id, cc.locality)


_ISSUER_NAMES = ("Bộ Chính trị", "Ban Bí thư", "Thủ tướng Chính phủ", "Thủ tướng", "Chính phủ", "Quốc hội", "Tỉnh ủy", "Ủy ban nhân dân", "UBND",
                 "Ban Chấp hành Trung ương", "Ban Thường vụ")


def _places_named(question: str, localities: set[str]) -> set[str]:
    low = question.casefold()
    return {p for p in localities if p.casefold() in low}


def _issuers_named(text: str) -> list[str]:
    """Issuers the question names; a name inside a longer one ("Chính phủ" in "Thủ tướng Chính phủ") is not counted."""
    low, out = text.casefold(), []
    for name in sorted(_ISSUER_NAMES, key=len, reverse=True):
        if name.casefold() in low:
            out.append(name)
            low = low.replace(name.casefold(), " ")
    return out
