"""Is a question Vietnamese or English? Counted from its words, no model."""
from __future__ import annotations

import re
import unicodedata

# Marks that occur in Vietnamese letters: grave, acute, tilde, hook above, dot below, circumflex, breve, horn.
_VI_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
_WORD = re.compile(r"[^\W\d_]+")


def has_vietnamese_marks(word: str) -> bool:
    if "đ" in word or "Đ" in word:
        return True
    return any(c in _VI_MARKS for ch in word if not ch.isascii() for c in unicodedata.normalize("NFD", ch)[1:])


def detect_language(text: str, vi_ascii: frozenset[str], en_function: frozenset[str]) -> str:
    """"vi" or "en". A Vietnamese word (diacritics, or a frequent syllable typed without them: `vi_ascii`) scores
    1 and an English function word (`en_function`) scores 1; capitalised Vietnamese words count half (place names
    inside English questions). "vi" when the Vietnamese score is higher. Content words of either language are not
    counted: "delegations" says no more about the language than "Kon Tum" does."""
    vi = en = 0.0
    for word in _WORD.findall(text):
        low = word.lower()
        capital = word[0].isupper()
        if has_vietnamese_marks(word):
            vi += 0.5 if capital else 1.0
        elif low in en_function:
            en += 1.0
        elif low in vi_ascii or (low.startswith(("ng", "nh")) and len(low) <= 6):
            vi += 0.5 if capital else 1.0
    return "vi" if vi > en else "en"
