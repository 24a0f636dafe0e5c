"""Answers from the regulation index: a named document's card when the question asks about the document as a
document (who issued it, when, what kind, what about, what it implements, where it is cited), and a ranked list
of documents when it asks which documents apply. Both read the question frame and honour the filters; both
return None to let the passages answer. Content questions about a named document are searched in the document's
own text (`own_sources`)."""
from __future__ import annotations

from dataclasses import replace

from answer.cards import card_line, card_reference, card_span, citation_of, code_span, direct_line, short_from
from answer.card_checks import without_described, lacks, mismatch, without_named
from answer.frames import Frames
from core.lexicon import Lexicon
from core.tuning import Tuning
from core.types import (Answer, AnswerType, Citation, ConstraintKind, Filters, QuestionFrame, Retrieval,
                        ShortAnswer)
from regulations.index import CardCitation, RegulationCard, RegulationIndex
from regulations.service import RegulationService
from vntext.analyzer import Analyzer
from vntext.codes import fold_text
from vntext.tokens import TokenKind, kind_of


class RegulationAnswerer:
    """Reads the index, document titles, dates and numbers through the RegulationService (one read of the store
    for the chat, the finder, the workshop and `app.py refs`), and words cards through its wording."""

    def __init__(self, regulations: RegulationService, analyzer: Analyzer, frames: Frames, lexicon: Lexicon,
                 tuning: Tuning):
        self.regulations, self.analyzer, self.frames, self.lex, self.t = regulations, analyzer, frames, lexicon, tuning
        self._tokens: dict[str, frozenset[str]] = {}  # subject/quote -> its tokens, for the current index
        self._tokens_of: RegulationIndex | None = None

    def index(self) -> RegulationIndex:
        index = self.regulations.index()
        if index is not self._tokens_of:  # a rebuilt index: drop the texts of the old one
            self._tokens, self._tokens_of = {}, index
        return index

    def invalidate(self) -> None:
        self.regulations.invalidate()

    # ---- use cases
    def own_sources(self, codes: tuple[str, ...]) -> tuple[str, ...]:
        """Sources of the indexed documents whose own number is one of `codes` ("Số: 99/2025/QĐ-UBND")."""
        return tuple(sorted({s for c in codes for s in self.regulations.numbered(c)}))

    def document_name(self, source: str) -> str | None:
        """How a citation names a document that carries its own number: "Quyết định 99/2025/QĐ-UBND" (its header
        lines, "ỦY BAN NHÂN DÂN / TỈNH QUẢNG TRỊ", name the issuer, not the document)."""
        code = self.regulations.own_code(source)
        card = self.index().get(code) if code else None
        if code is None:
            return None
        return f"{card.type} {code}" if card is not None and card.type else code

    def citing_sources(self, frame: QuestionFrame) -> tuple[str, ...]:
        """Sources of the documents whose passages cite the documents the question names: where a named document
        with no text of its own in the index is discussed ("Sau 5 năm thực hiện Chỉ thị số 26-CT/TU ...")."""
        return tuple(sorted({c.source for card in self.named_cards(frame) for c in card.citations}))

    def titled_sources(self, names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(sources of the indexed documents titled as the question names them, the names no title matches).
        A title matches a name that starts with it ("Luật Giáo dục năm 2019" is "Luật Giáo dục") and the other
        way round."""
        titles = self.regulations.folded_titles()
        found, missing = set(), []
        for name in names:
            key = " ".join(fold_text(name).split())
            hits = {s for s, t in titles.items() if t and (key.startswith(t) or t.startswith(key))}
            found |= hits
            if not hits:
                missing.append(name)
        return tuple(sorted(found)), tuple(missing)

    def named_cards(self, frame: QuestionFrame) -> list[RegulationCard]:
        index = self.index()
        places = [c.value for c in frame.of(ConstraintKind.PLACE)]
        out = []
        for code in frame.codes:
            card = next((index.get(code, p) for p in places if index.get(code, p)), None) or index.get(code)
            if card is not None and card not in out:
                out.append(card)
        return out

    def card_answer(self, frame: QuestionFrame, retrieval: Retrieval, lang: str, filters: Filters | None) -> Answer | None:
        """The named documents' cards, opening with the asked-for fact when a card states it."""
        cards = [c for c in (self._filtered(card, filters) for card in self.named_cards(frame)) if c is not None]
        if not cards:
            return None
        code = cards[0].code or cards[0].name
        contradicted = mismatch(cards[0], frame, self.lex)
        lacking = "" if contradicted else lacks(cards[0], frame)
        if contradicted or lacking:
            # a wrong premise ("When did the Secretariat issue 38-CT/TW?"), or what was asked of the document is not
            # in the documents: said, and the card shown
            shown = self._render(cards[:1], retrieval, lang, None, all_places=True)
            if contradicted:
                lead, reason = self.frames.get(lang, "premise", what=contradicted, code=code), f"unmet: {contradicted}"
            else:
                what = self.frames.get(lang, f"card_{lacking}")
                lead, reason = self.frames.get(lang, "partial_card", code=code, what=what), f"card lacks {lacking}"
            return replace(shown, answer=f"{lead}\n\n{shown.answer}", abstained=True, reason=reason)
        issuer = cards[0].issuers[0] if cards[0].issuers else ""
        spellings = next((t.spellings for t in self.lex.issuers if issuer in t.spellings), ())
        span = card_span(cards[0], frame, spellings)
        if span is None and frame.answer_type == AnswerType.DOCUMENTS and self.own_sources(frame.codes):
            return None  # "thay thế cho quyết định nào": no relation on the card; the document's own text says it
        lists_places = frame.answer_type == AnswerType.LIST and frame.list_of in ("province", None)
        answer = self._render(cards[:2], retrieval, lang, None, all_places=True, span=span, list_places=lists_places,
                              quote=True)
        missing = [w for w in (lacks(cards[0], replace(frame, answer_type=a)) for a in frame.also) if w]
        if missing:  # a partial answer says which part the documents do not give
            note = self.frames.get(lang, "not_stated", what=", ".join(self.frames.get(lang, f"card_{w}") for w in missing))
            answer = replace(answer, answer=f"{answer.answer}\n\n{note}")
        return answer

    def context_only(self, frame: QuestionFrame) -> bool:
        """Whether a named document is only what the asked-for documents relate to: the question asks for
        documents of another type and the card names none of that type ("UBND tỉnh ban hành kế hoạch nào để triển
        khai Chương trình 27-CTr/TU?", "Which plan carries out Resolution 22-NQ/TW?"). "Kết luận 33-KL/TW tiếp tục
        thực hiện quyết định nào?" stays the card's: its relation names a Quyết định."""
        card = next(iter(self.named_cards(frame)), None)
        if not frame.wants_documents or not frame.doc_types or card is None or not card.type:
            return False
        wants = tuple(fold_text(t) for t in frame.doc_types)
        # "Quyết định 99/2025 ban hành quy chế nào?": a Quy chế is issued with its Quyết định, as one document
        if fold_text(card.type).startswith(wants) or fold_text(card.type) in self._issuing(wants):
            return False
        index = self.index()
        related = (index.get(r.to_code.split("@")[0]) for r in card.relations)
        return not any(c is not None and fold_text(c.type or "").startswith(wants) for c in related)

    def _issuing(self, wants: tuple[str, ...]) -> dict[str, str]:
        """The (folded) types that issue the asked (folded) types with them: {"quyet dinh": "quy che"}."""
        return {fold_text(w): fold_text(t) for t, w in self.lex.issued_with.items() if fold_text(t).startswith(wants)}

    def list_answer(self, frame: QuestionFrame, retrieval: Retrieval, lang: str, filters: Filters | None) -> Answer | None:
        """Documents of the asked type (and issuer, date, place) ranked by how well their subject and citing
        passages match the question; a refusal when no indexed document has that type and issuer. Documents the
        question names are not the ones it asks for."""
        index = self.index()
        wants = [fold_text(t) for t in frame.doc_types] or [""]
        named = {c.key for c in self.named_cards(frame)}
        # a type issued with another ("Quy chế" with its "Quyết định"): the issuing document whose subject names it
        issuing = self._issuing(tuple(wants))

        def of_type(c: RegulationCard) -> bool:
            kind = fold_text(c.type or "")
            return kind.startswith(tuple(wants)) or kind in issuing and any(
                issuing[kind] in fold_text(sub) for sub in c.subjects)

        typed = [c for c in index.all() if c.code and c.key not in named and of_type(c)]
        cards = [c for c in (self._filtered(card, filters) for card in typed) if c is not None]
        asked = without_named(frame) if named else frame
        matching = [c for c in cards if not mismatch(c, asked, self.lex)]
        if not matching and (cited := without_described(asked, self.lex)) is not None:
            matching = [c for c in cards if not mismatch(c, cited, self.lex)]  # cited by the document described
        cards = matching
        if frame.own_documents:  # "quy chế riêng": numbered by a provincial body ("363-QĐ/TU@Kon Tum")
            cards = [c for c in cards if "@" in c.key] or cards
        if not cards:
            issuers = asked.of(ConstraintKind.ORGANISATION)
            if frame.doc_type and issuers:
                kind = (self.lex.english_doc_type(frame.doc_type) if lang == "en" else None) or frame.doc_type
                what = f"{kind} {self.frames.get(lang, 'of')} {issuers[0].text}"
                return self.refusal(retrieval, lang, "no_such_document", what)
            return None
        spans: dict[str, list[tuple[int, int]]] = {}
        for h in retrieval.hits:
            spans.setdefault(h.chunk.doc_id, []).append((h.chunk.start, h.chunk.end))
        weights = self._weights(retrieval)
        scored = sorted(((self._topic_score(c, weights, spans), c) for c in cards), key=lambda p: (-p[0], p[1].key))
        if not scored or scored[0][0] < self.t.doc_min_score:
            return None
        top = [c for s, c in scored if s >= self.t.doc_keep_ratio * scored[0][0]][: self.t.max_docs]
        return self._render(top, retrieval, lang, self.frames.get(lang, "documents_lead"), span=code_span(top[0]),
                            name_all=True)

    def references_for(self, text: str) -> list[dict]:
        from vntext.codes import find_codes

        index = self.index()
        codes = dict.fromkeys(m.code for m in find_codes(text) if not m.shorthand)
        cards = {c.key: c for c in (index.get(k) for k in codes) if c is not None}
        return [card_reference(c) for c in cards.values()]

    # ---- checks
    def _filtered(self, card: RegulationCard, filters: Filters | None) -> RegulationCard | None:
        """The card with only the citations of documents passing the filters; None when none passes."""
        if not filters or filters == Filters():
            return card
        lo, hi = filters.date_from or "", filters.date_to or "9999"

        def passes(c: CardCitation) -> bool:
            date = self.regulations.date(c.doc_id)
            return ((not filters.sources or c.source in filters.sources)
                    and (not filters.localities or c.locality in filters.localities)
                    and (not (filters.date_from or filters.date_to) or (date is not None and lo <= date <= hi)))

        kept = tuple(c for c in card.citations if passes(c))
        if not kept:
            return None
        return RegulationCard(**{**{f: getattr(card, f) for f in card.__dataclass_fields__}, "citations": kept})

    # ---- scoring and rendering
    def _weights(self, retrieval: Retrieval) -> dict[str, float]:
        return {t: 1.0 + (0.5 if kind_of(t) == TokenKind.BIGRAM else 0.0) for t in retrieval.query_terms
                if kind_of(t) in (TokenKind.WORD, TokenKind.BIGRAM)}

    def _share(self, text: str, weights: dict[str, float]) -> float:
        toks = self._tokens.get(text)
        if toks is None:  # every card is scored for every "which documents" question: tokenize each text once
            toks = self._tokens[text] = frozenset(self.analyzer.passage(text))
        return sum(w for k, w in weights.items() if k in toks) / (sum(weights.values()) or 1.0)

    def _topic_score(self, card: RegulationCard, weights: dict[str, float], hit_spans: dict[str, list[tuple[int, int]]]) -> float:
        # A document's own subject phrase speaks for it; a citing sentence may be about several documents at once.
        best = max([self._share(s, weights) for s in card.subjects] +
                   [0.5 * self._share(c.quote, weights) for c in card.citations], default=0.0)
        retrieved = any(a <= c.start < b for c in card.citations for a, b in hit_spans.get(c.doc_id, []))
        return best + (self.t.retrieved_bonus if retrieved else 0.0)

    def _render(self, cards: list[RegulationCard], retrieval: Retrieval, lang: str, lead: str | None,
                all_places: bool = False, span=None, list_places: bool = False, name_all: bool = False,
                quote: bool = False) -> Answer:
        citations: list[Citation] = []
        short: ShortAnswer | None = None
        lines = [lead, ""] if lead else []
        weights = self._weights(retrieval)
        places: dict[str, int] = {}
        for card in cards:
            chosen = self._pick(card, weights, per_place=all_places, first=span.citation if span and card is cards[0] else None)
            marks = []
            for cc in chosen:
                keep = (span.start, span.end) if span and cc is span.citation else None
                cit = citation_of(len(citations) + 1, cc, self.regulations.title(cc.doc_id), self.t.max_quote, keep)
                citations.append(cit)
                marks.append(f"[{cit.n}]")
                if keep and short is None:
                    short = short_from(span, cit.n, cit.start, cit.quote)
                if cc.locality:
                    places.setdefault(cc.locality, cit.n)
            lines.append(card_line(card, lang, self.frames, " ".join(marks), all_places, self.regulations))
        head = []
        if name_all and len(cards) > 1:  # several documents apply: the direct answer names them all
            head = [", ".join(f"**{c.code or c.name}**" for c in cards), ""]
        elif list_places and places:
            head = [", ".join(direct_line(p, n) for p, n in sorted(places.items())), ""]
        elif short is not None:
            head = [direct_line(short.text, short.n), ""]
        if quote:  # the passages that say it, verbatim, under the card
            lines += ["", self.frames.get(lang, "lead"), ""] + [f"- “{c.quote}” [{c.n}]" + (f" — *{c.locality}*" if c.locality else "")
                                                               for c in citations[:2]]
        refs = [card_reference(c) for c in cards]
        return Answer(retrieval.question, "\n".join(head + lines).strip(), False, citations, retrieval.hits, refs,
                      mode="extractive", short_answer=short)

    def _pick(self, card: RegulationCard, weights: dict[str, float], per_place: bool,
              first: CardCitation | None) -> list[CardCitation]:
        def score(c: CardCitation) -> float:
            return self._share(c.quote, weights) + (0.5 if card.code and card.code in c.quote else 0)

        ranked = sorted(card.citations, key=lambda c: (-score(c), c.source, c.start))
        if first is not None:
            ranked = [first] + [c for c in ranked if c is not first]
        if not per_place:
            return ranked[:1]
        seen, out = set(), []
        for c in ranked:
            place = c.locality or c.source
            if place not in seen:
                seen.add(place)
                out.append(c)
        return out[:4]

    def refusal(self, retrieval: Retrieval, lang: str, key: str, what: str) -> Answer:
        return Answer(retrieval.question, self.frames.get(lang, key, what=what), True, [], retrieval.hits,
                      mode="extractive", reason=f"{key}: {what}")
