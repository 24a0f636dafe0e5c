"""Vietnamese text normalisation, in two layers.

`source_text` is what ingest stores: the characters extracted from the file, only composed (NFC) and with one kind
of line break, so every quote can be found with Ctrl+F in the user's file. `match_form` and `normalize` are the
index side: they unify what should match (tone-mark placement "thoả"/"thỏa", odd spaces, a mistaken eth) and are
applied to questions, to BM25 tokens and to whatever compares text; `match_form` keeps every offset. `fold` strips
diacritics."""
from __future__ import annotations

import re
import unicodedata

# --- normalize -------------------------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook above, tilde, dot below
_SPACE_LIKE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Old-style tone placement in open syllables: "hoà", "khoẻ", "thuỷ" (not "quý": there u belongs to "qu").
_OLD_OA_OE = re.compile(r"([oO])([àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ])(?!\w)")
_OLD_UY = re.compile(r"(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?!\w)")
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})  # Icelandic eth mistaken for Vietnamese Đ/đ


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group(1), m.group(2)
    decomposed = unicodedata.normalize("NFD", second)
    base, tone = decomposed[0], "".join(c for c in decomposed[1:] if c in _TONES)
    return unicodedata.normalize("NFC", first + tone) + base


def unify_tone_marks(text: str) -> str:
    """Move tone marks of open "oa/oe/uy" syllables to the first vowel ("hoà" -> "hòa", "thuỷ" -> "thủy")."""
    text = _OLD_OA_OE.sub(_move_tone, text)
    return _OLD_UY.sub(_move_tone, text)


def source_text(text: str) -> str:
    """The stored form of extracted text: NFC, every line break "\\n"; no other character changes. Idempotent."""
    return _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text))


def match_form(text: str) -> str:
    """`source_text` as matching sees it, offset for offset: odd spaces plain, eth as Đ, tone marks unified.
    Regexes run on it return offsets that are valid in the stored text."""
    return unify_tone_marks(_SPACE_LIKE.sub(" ", text).translate(_ETH))


def normalize(text: str) -> str:
    """NFC, unified tone-mark placement, odd whitespace made plain, zero-width characters dropped, newlines kept
    as "\\n". For questions and the index side, never for stored text. Idempotent."""
    return match_form(_ZERO_WIDTH.sub("", source_text(text)))


# --- fold ------------------------------------------------------------------------------------------------

_COMBINING = re.compile(r"[\u0300-\u036f]")


def strip_diacritics(text: str) -> str:
    """Remove every diacritic and turn đ/Đ into d/D; case is kept ("Đồng Nai" -> "Dong Nai")."""
    decomposed = unicodedata.normalize("NFD", text)
    return _COMBINING.sub("", decomposed).replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Lowercase without diacritics: "Chỉ thị" -> "chi thi", "Đồng Nai" -> "dong nai"."""
    return strip_diacritics(text.lower())


def one_slip(a: str, b: str) -> bool:
    """Whether `a` is `b` with one letter added, dropped, changed, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


def tones(word: str) -> list[str]:
    """The tone marks of a word in order (grave, acute, tilde, hook, dot below), its hats, breves and horns aside."""
    return [c for c in unicodedata.normalize("NFD", word) if c in _TONES]


def without_tones(word: str) -> str:
    """The word with its tone marks taken off, hats, breves and horns kept ("nước" -> "nươc", NFC)."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in _TONES))

