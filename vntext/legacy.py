"""Vietnamese text typed in the pre-Unicode 8-bit encodings, found and converted to Unicode NFC.

Offices still hold texts typed in TCVN3 (ABC, the ".VnTime" fonts), VNI ("VNI-Times") and VISCII. Read as bytes,
or as the characters Word and PDF tools report for those fonts, they come out as "B¸o c¸o tµi chÝnh" (TCVN3) or
"Baùo caùo taøi chính" (VNI). Their "surface" is the windows-1252 reading of each byte, so one table per encoding
maps that surface back to Vietnamese.

Tables: TCVN3 is TCVN 5712:1993 (VN1 for bytes A1-FF, the range VN3/ABC fonts use), VISCII is RFC 1456; both
agree byte for byte with glibc's iconv (checked by tests/vntext/test_legacy.py). VNI is a composite encoding
(base letter + mark characters), as the VNI-Windows keyboard tables define it.

Detection compares well-formed Vietnamese syllables before and after a conversion: a conversion is taken only
when the text's non-ASCII words are mostly malformed as they stand and mostly well-formed once converted. Unicode
Vietnamese, windows-1258 once decoded and English or other Latin text never gain, so they are left alone.
Conversion is line by line, so a document mixing Unicode and legacy paragraphs keeps its Unicode lines.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from vntext.normalize import tones, without_tones

# byte -> Unicode, for the bytes each encoding redefines
_TCVN3_A1_FF = ("\u0102\xc2\xca\xd4\u01a0\u01af\u0110\u0103\xe2\xea\xf4\u01a1\u01b0\u0111\u1eb0\u0300\u0309\u0303"
                "\u0301\u0323\xe0\u1ea3\xe3\xe1\u1ea1\u1eb2\u1eb1\u1eb3\u1eb5\u1eaf\u1eb4\u1eae\u1ea6\u1ea8\u1eaa"
                "\u1ea4\u1ec0\u1eb7\u1ea7\u1ea9\u1eab\u1ea5\u1ead\xe8\u1ec2\u1ebb\u1ebd\xe9\u1eb9\u1ec1\u1ec3\u1ec5"
                "\u1ebf\u1ec7\xec\u1ec9\u1ec4\u1ebe\u1ed2\u0129\xed\u1ecb\xf2\u1ed4\u1ecf\xf5\xf3\u1ecd\u1ed3\u1ed5"
                "\u1ed7\u1ed1\u1ed9\u1edd\u1edf\u1ee1\u1edb\u1ee3\xf9\u1ed6\u1ee7\u0169\xfa\u1ee5\u1eeb\u1eed\u1eef"
                "\u1ee9\u1ef1\u1ef3\u1ef7\u1ef9\xfd\u1ef5\u1ed0")
_VISCII_80_FF = ("ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵ"
                 "ÝỡưàáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ")
_VISCII_C0 = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
TCVN3: dict[int, str] = {0xA1 + i: c for i, c in enumerate(_TCVN3_A1_FF)}
VISCII: dict[int, str] = {0x80 + i: c for i, c in enumerate(_VISCII_80_FF)} | _VISCII_C0

# VNI: vowel + marks. Rows follow the keyboard tables: plain, acute, grave, hook, tilde, dot below.
_VNI_TONES = ("", "ù", "ø", "û", "õ", "ï")
_VNI_ROWS = {  # Unicode letters of a row -> VNI base (+ hat mark) for the plain letter; tones append _VNI_TONES
    "aáàảãạ": "a", "âấầẩẫậ": "aâ", "ăắằẳẵặ": "aê", "eéèẻẽẹ": "e", "êếềểễệ": "eâ", "oóòỏõọ": "o",
    "ôốồổỗộ": "oâ", "ơớờởỡợ": "ô", "uúùủũụ": "u", "ưứừửữự": "ö", "yýỳỷỹỵ": "y",
}
_VNI_HAT_TONES = {"aâ": ("aâ", "aá", "aà", "aå", "aã", "aä"), "eâ": ("eâ", "eá", "eà", "eå", "eã", "eä"),
                  "oâ": ("oâ", "oá", "oà", "oå", "oã", "oä"), "aê": ("aê", "aé", "aè", "aú", "aü", "aë")}
_VNI_SINGLE = {"i": ("i", "í", "ì", "æ", "ó", "ò"), "y": ("y", "yù", "yø", "yû", "yõ", "î")}


def _vni_pairs() -> list[tuple[str, str]]:
    """(Unicode letter, VNI sequence) for every Vietnamese letter that VNI writes with marks, both cases."""
    out: list[tuple[str, str]] = []
    for letters, base in _VNI_ROWS.items():
        seqs = _VNI_HAT_TONES.get(base) or _VNI_SINGLE.get(base) or tuple(base + t for t in _VNI_TONES)
        out += list(zip(letters, seqs))
    out += list(zip("iíìỉĩị", _VNI_SINGLE["i"])) + [("đ", "ñ")]
    out = [(u, v) for u, v in out if u != v]
    return out + [(u.upper(), v.upper()) for u, v in out]


VNI_ENCODE: dict[str, str] = dict(_vni_pairs())
_VNI_DECODE = {v: u for u, v in VNI_ENCODE.items()}
_VNI_DECODE.update({v[0] + v[1:].lower(): u for u, v in VNI_ENCODE.items() if len(v) > 1 and u.isupper()})
_VNI_RE = re.compile("|".join(re.escape(s) for s in sorted(_VNI_DECODE, key=len, reverse=True)))

# --- surface characters --------------------------------------------------------------------------------------

_CP1252_HIGH = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def _byte_of(ch: str) -> int | None:
    """The byte a legacy font drew for `ch` (windows-1252 reading, C1 controls as themselves)."""
    o = ord(ch)
    if o < 256:
        return o
    return _CP1252_HIGH.get(ch)


def _table_translation(table: dict[int, str]) -> dict[int, str]:
    """str.translate map from surface characters to Unicode for a single-byte table."""
    out = {}
    for ch_code in list(range(256)) + [ord(c) for c in _CP1252_HIGH]:
        b = _byte_of(chr(ch_code))
        if b is not None and b in table:
            out[ch_code] = table[b]
    return out


_TRANSLATE = {"tcvn3": _table_translation(TCVN3), "viscii": _table_translation(VISCII)}
NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "viscii": "VISCII"}


def convert(text: str, encoding: str) -> str:
    """`text` (its surface characters) read as `encoding`, in Unicode NFC."""
    if encoding == "vni":
        out = _VNI_RE.sub(lambda m: _VNI_DECODE[m.group()], text)
    else:
        out = text.translate(_TRANSLATE[encoding])
        if encoding == "tcvn3":
            out = _upper_h_font_lines(out)
    return unicodedata.normalize("NFC", out)


def encode(text: str, encoding: str) -> bytes:
    """Unicode text in `encoding` (for fixtures and round-trip tests); ValueError for a letter it cannot hold."""
    text = unicodedata.normalize("NFC", text)
    if encoding == "vni":
        return "".join(VNI_ENCODE.get(c, c) for c in text).encode("cp1252")
    table = TCVN3 if encoding == "tcvn3" else VISCII
    inverse = {c: b for b, c in table.items() if not unicodedata.combining(c)}
    out = bytearray()
    for c in text:
        b = _byte_of(c)
        if c in inverse:
            out.append(inverse[c])
        elif b is not None and (b < 128 or b not in table):
            out.append(b)
        else:
            raise ValueError(f"{NAMES[encoding]} cannot hold {c!r}")
    return bytes(out)


def surface(data: bytes) -> str:
    """Bytes as a legacy font's text reaches us from Word or a PDF: each byte's windows-1252 character."""
    return "".join(_SURFACE[b] for b in data)


_SURFACE = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]


def _upper_h_font_lines(text: str) -> str:
    """TCVN3 has no upper-case toned letters: ".VnTimeH" fonts draw the lower-case ones as capitals. A line whose
    ASCII letters are all capitals ("CéNG HOµ X· HéI") was set in such a font: it is upper-cased."""
    out = []
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[^\W\d_]+", line) if any(c.isascii() for c in w)]
        caps = [w for w in words if not any(c.isascii() and c.islower() for c in w)]
        if len(words) >= 2 and len(caps) == len(words) and any(not c.isascii() and c.islower() for c in line):
            line = line.upper()
        out.append(line)
    return "\n".join(out)


# --- detection -----------------------------------------------------------------------------------------------

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_NUCLEI = ("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy "
           "ưa ưi ưu ươ yê iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu").split()
_SYLLABLE = re.compile(rf"{_ONSET}(?:{'|'.join(sorted(_NUCLEI, key=len, reverse=True))})(?:ch|ng|nh|[cmnpt])?")
_WORD = re.compile(r"\S+")


@lru_cache(maxsize=50_000)
def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable: onset, vowel nucleus, coda, at most one tone mark, one case pattern."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    if len(tones(word.lower())) > 1:
        return False
    return _SYLLABLE.fullmatch(without_tones(word.lower())) is not None


# the same grammar over a syllable typed without diacritics ("huu", "nghi"): a name that could be Vietnamese
_FOLDED_NUCLEUS = (r"(?:uye|uya|uoi|uou|ieu|yeu|oai|oay|oeo|uay|uoc|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|"
                   r"uy|ye|a|e|i|o|u|y)")
_FOLDED_SYLLABLE = re.compile(rf"{_ONSET}{_FOLDED_NUCLEUS}(?:ch|ng|nh|[cmnptiouy])?")


def is_folded_syllable(folded: str) -> bool:
    """Whether a word folded to ASCII lower case ("huu", "attapeu") reads as one Vietnamese syllable."""
    return _FOLDED_SYLLABLE.fullmatch(folded) is not None


def _words(text: str) -> list[str]:
    """Words holding a non-ASCII character, punctuation around them stripped."""
    out = []
    for w in _WORD.findall(text):
        w = w.strip(".,;:!?()[]{}\"'“”‘’«»-–…/%*")
        if w and not w.isascii() and not any(c.isdigit() for c in w):
            out.append(w)
    return out


def well_formed(text: str) -> tuple[int, int]:
    """(well-formed syllables, words with a non-ASCII character) in `text`."""
    words = _words(text)
    return sum(is_syllable(w) for w in words), len(words)


@dataclass(frozen=True)
class Detection:
    encoding: str  # "tcvn3" | "vni" | "viscii"
    text: str  # converted, NFC
    before: float  # share of well-formed non-ASCII words before and after
    after: float
    words: int

    @property
    def name(self) -> str:
        return NAMES[self.encoding]


MIN_WORDS = 8  # evidence needed: fewer non-ASCII words than this are never converted
MAX_BEFORE = 0.5  # the text as it stands must be mostly malformed ...
MIN_AFTER = 0.8  # ... and mostly well-formed once converted


def detect(text: str) -> Detection | None:
    """The legacy encoding `text` is written in, with the converted text, or None (Unicode, cp1258, English...)."""
    # judged on the lines a legacy font could have produced (Unicode lines, with ư ơ đ ạ ..., are not candidates)
    sample = "\n".join(ln for ln in text[:200_000].split("\n") if all(_byte_of(c) is not None for c in ln))
    ok, n = well_formed(sample)
    if n < MIN_WORDS or ok / n > MAX_BEFORE:
        return None
    best: Detection | None = None
    for enc in ("tcvn3", "vni", "viscii"):
        ok2, n2 = well_formed(convert(sample, enc))
        after = ok2 / n2 if n2 else 0.0
        if n2 >= MIN_WORDS and after >= MIN_AFTER and (best is None or after > best.after):
            best = Detection(enc, "", ok / n, after, n2)
    if best is None:
        return None
    return Detection(best.encoding, convert_lines(text, best.encoding), best.before, best.after, best.words)


def convert_lines(text: str, encoding: str) -> str:
    """Convert the text line by line. A line holding a character no legacy font reports (ư, ơ, đ, ạ ... in
    Unicode) is already Unicode and stays, and so does a line the conversion would make less well-formed."""
    out = []
    for line in text.split("\n"):
        if line.isascii() or any(_byte_of(c) is None for c in line):
            out.append(line)
            continue
        new = convert(line, encoding)
        (ok, n), (ok2, n2) = well_formed(line), well_formed(new)
        out.append(new if ok2 * max(n, 1) >= ok * max(n2, 1) else line)
    return "\n".join(out)
