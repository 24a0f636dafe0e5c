"""BM25 tokenisation of Vietnamese text: syllables, their folded forms, adjacent bigrams. Stored text keeps its own
tone-mark placement; tokens are made from its `normalize`d form, so "thoả" and "thỏa" are one term."""
from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from pathlib import Path

from vntext.normalize import fold, normalize


class TokenKind(str, Enum):
    """What a lexical token stands for. Tokens stay plain strings in the index; their kind is read here only."""

    WORD = "word"  # a syllable, or its diacritic-folded form
    BIGRAM = "bigram"  # two adjacent syllables joined by "_"
    CODE = "code"  # a full document number ("code:38-ct/tw")
    SHORTHAND = "shorthand"  # a type and number ("num:chithi:38")


CODE_PREFIX, SHORTHAND_PREFIX, BIGRAM_JOIN = "code:", "num:", "_"


def kind_of(token: str) -> TokenKind:
    if token.startswith(CODE_PREFIX):
        return TokenKind.CODE
    if token.startswith(SHORTHAND_PREFIX):
        return TokenKind.SHORTHAND
    return TokenKind.BIGRAM if BIGRAM_JOIN in token else TokenKind.WORD


@lru_cache(maxsize=200_000)
def _fold_token(token: str) -> str:
    return token if token.isascii() else fold(token)


# A run of words separated only by spaces/tabs: bigrams never cross punctuation or line breaks.
_PHRASE = re.compile(r"[^\W_]+(?:[ \t]+[^\W_]+)*")


def load_stopwords(path: Path) -> frozenset[str]:
    """One stopword per line; blank lines and lines starting with '#' are ignored."""
    words = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(normalize(line).lower())
    return frozenset(words)


def tokenize(text: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """Lowercase syllables (minus stopwords), their folded forms, and "_"-joined adjacent bigrams (plus folded).

    Any text: it is `normalize`d first (NFC, tone marks, odd spaces). Bigrams are kept even when a part is a stopword.
    """
    if not text.isascii():
        text = normalize(text)
    out: list[str] = []
    append = out.append
    for phrase in _PHRASE.findall(text.lower()):
        prev = prev_folded = None
        for tok in phrase.split():
            folded = _fold_token(tok)
            if tok not in stopwords:
                append(tok)
                if folded != tok:
                    append(folded)
            if prev is not None:
                append(f"{prev}_{tok}")
                if prev_folded != prev or folded != tok:
                    append(f"{prev_folded}_{folded}")
            prev, prev_folded = tok, folded
    return out
