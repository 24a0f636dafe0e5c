"""Workshop questions from the regulation index, on what documents say as well as on who issued them and when.

Kinds:
- blank: a citing sentence with the document's subject blanked; the other options are other documents' subjects;
- which: "Which document is about …?" with the subject; the options are codes of documents of the same type first;
- issuer, year: who issued a document, and in which year.
A question is asked only when the sources agree on its answer and its prompt does not give it away; codes come only
from documents whose code every source spells the same way; options are never near-synonyms of each other; no
document comes twice in a round unless the round is longer than the documents. Same number, same round.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Callable

from regulations.cards import RegulationCard, compatible
from vntext.codes import parse_code
from vntext.normalize import fold

KINDS = ("blank", "which", "issuer", "year")
N_OPTIONS = 4
MIN_SUBJECT_WORDS = 5  # shorter subjects ("hội nhập quốc tế") are shared by many documents: not asked about
MAX_OPTION_WORDS = 16  # a subject longer than this is too long to read out as an option
MAX_PROMPT_WORDS = 30  # nor to read out as a "which document" prompt
CLOSE = 0.5  # two options whose word sets overlap this much (Jaccard), or where one holds the other, are near-synonyms
CONTEXT_CHARS = 120  # of the citing sentence shown before the blank (the mention of the document is always kept)
AFTER_CHARS = 60  # and after it
BLANK = "______"
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Question:
    kind: str  # one of KINDS
    key: str  # the card asked about
    code: str  # how the document is named ("363-QĐ/TU (Kon Tum)")
    options: tuple[str, ...]
    answer: int  # index into options
    text: str  # blank: the sentence with BLANK; which: the subject; issuer/year: ""
    quote: str  # the citing passage that states the answer
    title: str  # the title of the document that passage is in
    locality: str | None
    doc_type: str | None


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(fold(text or "")))


def close(a: str, b: str) -> bool:
    """Near-synonyms as options: "Ban Thường vụ Tỉnh ủy" / "Tỉnh ủy", or subjects sharing most of their words."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return a == b
    return wa <= wb or wb <= wa or len(wa & wb) / len(wa | wb) >= CLOSE


def consistent(card: RegulationCard) -> bool:
    """Every source writes the code the same way and with the type word its symbol stands for."""
    return bool(card.code) and not card.variants and not any(f.kind in ("variants", "type_word") for f in card.flags)


def _n_words(text: str) -> int:
    return len(_WORD.findall(text or ""))


def _issuer(card: RegulationCard, lang: str, i: int = 0) -> str:
    vi, en = card.issuers[i], card.issuer_en
    return f"{vi} ({en[i]})" if lang == "en" and i < len(en) and en[i] else vi


def _own_subjects(card: RegulationCard, cards: list[RegulationCard], max_words: int) -> list[str]:
    """Subjects that name this document alone: long enough, and no other document's subject is close to them."""
    return [s for s in card.subjects if MIN_SUBJECT_WORDS <= _n_words(s) <= max_words and fold(s) not in fold(card.display_code)
            and not any(close(s, t) for c in cards if c.key != card.key for t in c.subjects)]


def _blank(card: RegulationCard, cards: list[RegulationCard]) -> tuple[str, str, object] | None:
    """(sentence with the subject blanked, the subject, its citation) from the first passage that states it."""
    for subject in _own_subjects(card, cards, MAX_OPTION_WORDS):
        for c in card.citations:
            mention = c.quote.find(c.written) if c.written else -1
            at = c.quote.find(subject, max(mention, 0))
            if mention < 0 or at < 0:
                continue
            lo = min(mention, max(0, at - CONTEXT_CHARS))
            lo = c.quote.rfind(" ", 0, lo) + 1 if lo > 0 else 0
            end = at + len(subject)
            hi = min(len(c.quote), end + AFTER_CHARS)
            hi = hi if hi == len(c.quote) else max(end, c.quote.rfind(" ", end, hi))
            shown = ("… " if lo else "") + c.quote[lo:at] + BLANK + c.quote[end:hi] + (" …" if hi < len(c.quote) else "")
            if fold(subject) not in fold(shown):
                return shown, subject, c
    return None


def _fact(card: RegulationCard, kind: str, lang: str, cards: list[RegulationCard]) -> tuple[str, str, object] | None:
    """(right answer, prompt text, the citation stating it) for a question of `kind`, or None when it cannot be asked."""
    if kind == "blank":
        found = _blank(card, cards) if (consistent(card) or not card.code) else None
        return (found[1], found[0], found[2]) if found else None
    if not consistent(card):
        return None
    if kind == "which":
        subject = next(iter(_own_subjects(card, cards, MAX_PROMPT_WORDS)), None)
        number = parse_code(card.code).number
        if subject is None or number in _WORD.findall(subject):
            return None
        return card.display_code, subject, _citing(card, subject)
    if kind == "issuer":
        symbol = parse_code(card.code).issuer
        if len(card.issuers) != 1 or (symbol and _words(symbol) <= _words(card.issuers[0])):
            return None  # "/TU" says "Tỉnh ủy", "-CP" says "Chính phủ": the code gives the answer away
        return _issuer(card, lang), "", _citing(card, card.issuers[0])
    if kind == "year":
        years = {d[:4] for d in card.dates}
        if len(years) != 1 or parse_code(card.code).year:
            return None  # "01/2014/QĐ-UBND" holds its year
        year = years.pop()
        return year, "", _citing(card, year)
    raise ValueError(f"unknown question kind {kind!r}; use one of {KINDS}")


def _citing(card: RegulationCard, probe: str):
    return next((c for c in card.citations if probe and probe in c.quote), card.citations[0] if card.citations else None)


def _pool(cards: list[RegulationCard], kind: str, card: RegulationCard, lang: str, prompt: str) -> list[str]:
    others = [c for c in cards if c.key != card.key]
    if kind == "issuer":
        return [_issuer(c, lang, i) for c in others for i in range(len(c.issuers))]
    if kind == "year":
        return [d[:4] for c in others for d in c.dates]
    if kind == "blank":
        return [s for c in others for s in c.subjects if MIN_SUBJECT_WORDS <= _n_words(s) <= MAX_OPTION_WORDS]
    same = [c for c in others if consistent(c) and c.type == card.type]  # which: same type first, the symbol tells nothing
    rest = [c for c in others if consistent(c) and c.type != card.type]
    return [c.display_code for c in same + rest  # never a document about the same thing, nor one the prompt names
            if not any(close(prompt, s) for s in c.subjects) and parse_code(c.code).number not in _WORD.findall(prompt)]


def _distractors(rng: random.Random, right: str, pool: list[str], kind: str, prompt: str) -> list[str]:
    others = sorted({p for p in pool if p and p != right})
    if kind == "which":  # keep the same-type-first order, shuffled within
        others = [p for p in dict.fromkeys(pool) if p != right]
    rng.shuffle(others)
    picked: list[str] = []
    for p in others:
        if len(picked) == N_OPTIONS - 1:
            break
        if kind in ("issuer", "blank") and any(close(p, q) for q in [right, *picked]):
            continue
        if kind == "issuer" and any(compatible(p.split(" (")[0], q.split(" (")[0]) for q in [right, *picked]):
            continue
        if kind == "blank" and fold(p) in fold(prompt):
            continue
        picked.append(p)
    if kind == "year" and len(picked) < N_OPTIONS - 1:  # few dated documents: neighbouring years
        near = [str(int(right) + d) for d in (-1, 1, -2, 2, -3, 3) if str(int(right) + d) not in picked]
        picked += near[:N_OPTIONS - 1 - len(picked)]
    return picked


def make_round(cards: list[RegulationCard], n: int = 5, number: int = 1, kinds: tuple[str, ...] = KINDS,
               doc_type: str | None = None, lang: str = "vi", title: Callable[[str], str] = lambda doc_id: "") -> list[Question]:
    """Up to `n` questions of `kinds` about documents of `doc_type` (any when None). `number` names the round: the
    same number gives the same questions. `title(doc_id)` names the document a passage is in."""
    rng = random.Random(number)
    cards = sorted(cards, key=lambda c: c.key)
    asked = [c for c in cards if not doc_type or doc_type in (c.type, c.type_en)]
    by_kind = {k: rng.sample(asked, len(asked)) for k in kinds}
    order = list(kinds)
    rng.shuffle(order)
    candidates = [(k, by_kind[k][i]) for i in range(len(asked)) for k in order]  # kinds take turns
    questions: list[Question] = []
    used: set[str] = set()
    for repeat in (False, True):  # a second pass lets a document come again, for rounds longer than the documents
        for kind, card in candidates:
            if len(questions) >= n:
                return questions
            if (card.key in used) != repeat or any((q.key, q.kind) == (card.key, kind) for q in questions):
                continue
            fact = _fact(card, kind, lang, cards)
            if fact is None:
                continue
            right, prompt, cite = fact
            wrong = _distractors(rng, right, _pool(cards, kind, card, lang, prompt), kind, prompt)
            if len(wrong) < 2:
                continue
            options = wrong + [right]
            rng.shuffle(options)
            questions.append(Question(kind, card.key, card.display_code, tuple(options), options.index(right), prompt,
                                      cite.quote if cite else "", title(cite.doc_id) if cite else "",
                                      cite.locality if cite else None, card.type))
            used.add(card.key)
    return questions
