"""Vietnamese text normalisation: `normalize` is applied to every document and question so spellings match;
`fold` strips diacritics."""
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


def normalize(text: str) -> str:
    """NFC, unified tone-mark placement, odd whitespace made plain, newlines kept as "\\n". Idempotent."""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACE_LIKE.sub(" ", text)
    text = text.translate(_ETH)
    return unify_tone_marks(text)


# --- fold ------------------------------------------------------------------------------------------------

_COMBINING = re.compile(r"[\u0300-\u036f]")


def strip_diacritics(text: str) -> str:
    """Remove every diacritic and turn đ/Đ into d/D; case is kept ("Đồng Nai" -> "Dong Nai")."""
    decomposed = unicodedata.normalize("NFD", text)
    return _COMBINING.sub("", decomposed).replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Lowercase without diacritics: "Chỉ thị" -> "chi thi", "Đồng Nai" -> "dong nai"."""
    return strip_diacritics(text.lower())
