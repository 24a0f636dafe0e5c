"""The finder's search: rank regulation cards for what a reader types, through the same analysis as the chat.

Serves queries typed as people type them: a code in any spelling ("38/CT-TW"), words without diacritics ("doan ra"),
English terms ("outbound delegations", through the glossary), Vietnamese synonyms the glossary lists together
("đoàn ra" / "đoàn đi công tác nước ngoài"), and words found only in what the sources say about a document
("người Việt Nam ở nước ngoài"). Literal matches come first; then cards by how much of the query their subject or a
citing passage holds, and whether the hybrid retriever ranks one of their citing passages high.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from regulations.cards import RegulationCard
from vntext.codes import code_key, parse_code, query_code_keys, shorthand_key
from vntext.normalize import fold, normalize

TIER_CODE = 3  # the query names the card's code in any of its spellings, or begins it ("272", "27-CT")
TIER_FIELDS = 2  # every query word is in the card's own facts (code, type, issuer, subject, date), diacritics folded
TIER_PASSAGE = 1  # the query, as a phrase, is in one of the card's citing passages
MIN_SHARE = 0.6  # without a literal match, the share of a query concept a card's subject or passage must hold
PASSAGE_WEIGHT = 0.8  # a citing sentence often names several documents: it speaks for each less than a subject does
RETRIEVED_BONUS = 0.3  # a citing passage inside the retriever's best hit (less for lower hits, by 1/rank)
RETRIEVED_ADMITS = 3  # a card cited in one of the top hits is listed at half MIN_SHARE
MAX_SYNONYM_WORDS = 6  # the longest glossary phrase looked for in a Vietnamese query
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Found:
    card: RegulationCard
    tier: int  # TIER_* of the literal match, 0 when none
    score: float  # relevance within the tier


def card_code_keys(c: RegulationCard) -> set[str]:
    """BM25 code keys of a card's code and its variant spellings, and the shorthand keys ("Quy chế 272")."""
    out: set[str] = set()
    for code in filter(None, (c.code, *c.variants)):
        p = parse_code(code)
        out |= {code_key(code)} | {shorthand_key(t, p.number) for t in (p.doc_type, c.type) if t}
    return out


def _folded_words(text: str) -> list[str]:
    return _WORD.findall(fold(normalize(text or "")))


def _concept(text: str) -> frozenset[str]:
    """Folded syllables and adjacent pairs: a concept's words and their order."""
    words = _folded_words(text)
    return frozenset(words) | frozenset(f"{a}_{b}" for a, b in zip(words, words[1:]))


def _share(concept: frozenset[str], tokens: frozenset[str]) -> float:
    return len(concept & tokens) / len(concept) if concept else 0.0


def synonyms(glossary, query: str) -> list[str]:
    """The query reworded with the other Vietnamese wordings the glossary lists for one of its phrases: "doan ra" ->
    "đoàn đi công tác nước ngoài", "quy che doan ra" -> "quy che đoàn đi công tác nước ngoài"; longest phrase first,
    each query word in one phrase at most."""
    if glossary is None:
        return []
    words, used, out = _folded_words(query), set(), []
    for n in range(min(MAX_SYNONYM_WORDS, len(words)), 1, -1):
        for i in range(len(words) - n + 1):
            if used & set(range(i, i + n)):
                continue
            english = glossary.english_for(" ".join(words[i:i + n]))
            match = next(iter(glossary.find(english)), None) if english else None
            if match:
                used |= set(range(i, i + n))
                out += [" ".join([*words[:i], v, *words[i + n:]]) for v in match.variants]
    return list(dict.fromkeys(out))


class CardSearch:
    """The cards of one index, prepared once for many queries."""

    def __init__(self, cards: list[RegulationCard]):
        self.cards = cards
        self._keys = {c.key: card_code_keys(c) for c in cards}
        self._code_words = {c.key: set(_folded_words(" ".join(filter(None, (c.code, *c.variants))))) for c in cards}
        self._fields = {c.key: set(_folded_words(" ".join(filter(None, (
            c.code, c.name, c.type, c.type_en, *c.variants, *c.issuers, *c.issuer_en, *c.subjects, *c.dates)))))
            for c in cards}
        self._subject_tokens = {c.key: [_concept(f"{c.type or ''} {s}") for s in (c.subjects or (c.name or "",))]
                                for c in cards}
        self._passages = {c.key: [(" ".join(_folded_words(x.quote)), _concept(x.quote)) for x in c.citations] for c in cards}
        self._cited_at: dict[str, list[tuple[int, int, str]]] = {}
        for c in cards:
            for x in c.citations:
                self._cited_at.setdefault(x.doc_id, []).append((x.start, x.end, c.key))

    def rank(self, query: str, expansions: list[str] = (), hits=()) -> list[Found]:
        """Cards for `query`: literal matches first (code, then facts, then passages), then by relevance.
        `expansions`: other wordings of the query (glossary); `hits`: the retriever's hits for it, best first."""
        q = " ".join(_folded_words(query))
        if not q:
            return [Found(c, 0, 0.0) for c in self.cards]
        keys, words = set(query_code_keys(query)), _folded_words(query)
        concepts = [c for c in (_concept(query), *map(_concept, expansions)) if c]
        retrieved = self._retrieved(hits)
        found = []
        for c in self.cards:
            passages = self._passages[c.key]
            code = keys & self._keys[c.key] or (words and all(any(f.startswith(w) for f in self._code_words[c.key]) for w in words))
            tier = (TIER_CODE if code else
                    TIER_FIELDS if words and all(any(f.startswith(w) for f in self._fields[c.key]) for w in words) else
                    TIER_PASSAGE if len(q) >= 4 and any(q in text for text, _ in passages) else 0)
            share = max([_share(k, t) for k in concepts for t in self._subject_tokens[c.key]]
                        + [PASSAGE_WEIGHT * _share(k, t) for k in concepts for _, t in passages], default=0.0)
            bonus, rank = retrieved.get(c.key, (0.0, None))
            admitted = share >= MIN_SHARE or (rank is not None and rank < RETRIEVED_ADMITS and share >= MIN_SHARE / 2)
            if tier or admitted:
                found.append(Found(c, tier, share + bonus))
        found.sort(key=lambda f: (-f.tier, -f.score, -len(f.card.citations), f.card.key))
        return found

    def _retrieved(self, hits) -> dict[str, tuple[float, int]]:
        """card key -> (bonus, best rank) for cards with a citing passage inside a retrieved chunk."""
        out: dict[str, tuple[float, int]] = {}
        for rank, h in enumerate(hits):
            ch = h.chunk
            for start, end, key in self._cited_at.get(ch.doc_id, ()):
                if start < ch.end and ch.start < end and key not in out:
                    out[key] = (RETRIEVED_BONUS / (1 + rank), rank)
        return out
